package com.misdeliveryguard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardProcess;
import com.misdeliveryguard.app.confirm.Mailbox;
import com.misdeliveryguard.app.faults.Delivered;
import com.misdeliveryguard.app.faults.Delivered.Copy;
import com.misdeliveryguard.app.faults.DemoDirectory;
import com.misdeliveryguard.app.faults.SendingClients;
import com.misdeliveryguard.app.faults.SendingClients.Mail;
import com.misdeliveryguard.app.faults.SendingClients.Reply;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 under load: two packaged guard JVMs (A and B) on one PostgreSQL schema, both importing the
 * demo directory at start-up, one upstream. Clients send to both at once: mostly deliverable mail to
 * known contacts (some to several recipients) and some to a look-alike address, which is held. In the
 * middle of the load A is killed with SIGKILL and restarted on the same data directory; the clients of
 * A reconnect and go on for a while. Then:
 * <ul>
 *   <li>every message that got a 250 is in exactly one final state: delivered to the upstream once per
 *       envelope recipient, or held — its hold record waiting and its bytes in the database — and its
 *       sender told;</li>
 *   <li>nothing reaches the upstream twice, except what A had in flight at the kill (the upstream had
 *       it, A had not yet recorded that: RELIABILITY promise 3, at most one copy more per delivery
 *       worker of A); a message without a 250 may arrive or not, but never twice otherwise;</li>
 *   <li>held messages received by A before the kill and by B, confirmed through the other instance,
 *       are delivered once;</li>
 *   <li>the decision log, asked through each instance's API, verifies.</li>
 * </ul>
 */
class TwoInstancesUnderLoadIT {

    private static final String KNOWN = "tanaka@aoba-shoji.co.jp";
    private static final List<String> ALSO = List.of("k.suzuki@aoba-shoji.co.jp", "sato.hanako@example.co.jp");
    private static final List<String> SENDERS = List.of("yamada.taro@example.co.jp", "watanabe.daisuke@example.co.jp",
            "tanaka.misaki@example.co.jp");
    private static final int WORKERS = 4;
    private static final int CLIENTS = 2;
    private static final String NOTICE = "【送信保留】fault test ";

    /** One in five is held; the others go to a known contact, every other one with two more recipients. */
    private static final SendingClients.Maker MIXED = (client, n) -> {
        String mark = "load-" + n;
        String from = SENDERS.get(client % SENDERS.size());
        return switch (n % 5) {
            case 0 -> SendingClients.mail(mark, "held", from, Instances.LOOKALIKE);
            case 1, 3 -> SendingClients.mail(mark, "several", from, KNOWN, ALSO);
            default -> SendingClients.mail(mark, "single", from, KNOWN);
        };
    };

    @Test
    void everyAcknowledgedMessageEndsInOneFinalStateWhenOneInstanceIsKilledUnderLoad() throws Exception {
        try (SharedSchema db = SharedSchema.create("guard_load"); SmtpSink upstream = SmtpSink.start()) {
            db.createNow();
            Path logs = Files.createTempDirectory("guard-load-logs");
            Map<String, String> settingsA = settings(Files.createTempDirectory("guard-load-a"), db, upstream);
            Map<String, String> settingsB = settings(Files.createTempDirectory("guard-load-b"), db, upstream);
            int portA = GuardProcess.freePort();
            GuardProcess a = Instances.launch(settingsA, logs, portA);
            GuardProcess b = Instances.launch(settingsB, logs, GuardProcess.freePort());
            AtomicInteger sequence = new AtomicInteger();
            long start = System.nanoTime();
            SendingClients toA = null;
            SendingClients toB = null;
            try {
                a.awaitListener(Duration.ofSeconds(180));
                b.awaitListener(Duration.ofSeconds(180));
                String started = since(start);
                toA = SendingClients.start(portA, CLIENTS, sequence, MIXED);
                toB = SendingClients.start(b.smtpPort, CLIENTS, sequence, MIXED);

                SendingClients clientsOfA = toA;
                long loadStart = System.nanoTime();
                // kill once A acknowledged some of each kind (two held ones are confirmed through B later)
                await().atMost(Duration.ofSeconds(90)).until(() -> clientsOfA.acknowledged().size() >= 15
                        && clientsOfA.replies().stream().filter(r -> r.acknowledged() && r.mail().kind().equals("held"))
                                .count() >= 2
                        && System.nanoTime() - loadStart > Duration.ofSeconds(6).toNanos());
                Thread.sleep((long) (Math.random() * 1000));
                a.kill();
                Instant killed = Instant.now();
                int atTheKill = upstream.transactions().size();
                String killedAfter = since(start);

                a = Instances.launch(settingsA, logs, portA);
                a.awaitListener(Duration.ofSeconds(180));
                String restarted = since(start);
                int beforeRestart = toA.acknowledged().size();
                await().atMost(Duration.ofSeconds(60)).until(() -> clientsOfA.acknowledged().size() >= beforeRestart + 5);
                Thread.sleep(2000);
                toA.stop();
                toB.stop();

                List<Reply> replies = Stream.concat(toA.replies().stream(), toB.replies().stream()).toList();
                Set<String> viaA = toA.replies().stream().map(r -> r.mail().mark()).collect(Collectors.toSet());
                Map<String, Mail> acknowledged = replies.stream().filter(Reply::acknowledged)
                        .collect(Collectors.toMap(r -> r.mail().mark(), Reply::mail));
                Map<String, Mail> held = ofKind(acknowledged, true);
                Map<String, Mail> deliverable = ofKind(acknowledged, false);

                // every deliverable message reaches each of its recipients; every held one's sender is told
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        Delivered.perRecipient(upstream.transactions()).keySet().containsAll(copies(deliverable))
                        && notified(upstream).containsAll(held.keySet()));
                Thread.sleep(2000); // a late second copy would show up by now
                String settled = since(start);

                List<SmtpSink.Transaction> all = upstream.transactions();
                Map<Copy, Long> delivered = Delivered.perRecipient(all);
                Map<Copy, Long> deliveredBeforeTheKill = Delivered.perRecipient(all.subList(0, atTheKill));
                Map<String, HoldRow> holds = holds(db);
                Map<Copy, Long> twice = delivered.entrySet().stream().filter(e -> e.getValue() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                Set<String> inFlightAtTheKill = twice.entrySet().stream()
                        .filter(e -> e.getValue() == 2 && viaA.contains(e.getKey().mark())
                                && deliveredBeforeTheKill.getOrDefault(e.getKey(), 0L) == 1)
                        .map(e -> e.getKey().mark()).collect(Collectors.toSet());
                long refused = replies.stream().filter(r -> !r.acknowledged()).count();
                System.out.printf("two instances under load: %d messages acknowledged (%d via A, %d via B; %d "
                        + "deliverable with %d recipient copies, %d held), %d without a 250; %d copies at the "
                        + "upstream, %d held records; %d messages delivered twice, all in flight at A's SIGKILL; "
                        + "seconds from the launch: both listening %s, A killed %s, A listening again %s, all "
                        + "delivered or held %s%n",
                        acknowledged.size(), acknowledged.keySet().stream().filter(viaA::contains).count(),
                        acknowledged.keySet().stream().filter(m -> !viaA.contains(m)).count(), deliverable.size(),
                        copies(deliverable).size(), held.size(), refused, delivered.size(), holds.size(),
                        inFlightAtTheKill.size(), started, killedAfter, restarted, settled);

                assertThat(deliverable).as("deliverable messages acknowledged").hasSizeGreaterThan(30);
                assertThat(held).as("held messages acknowledged").hasSizeGreaterThan(5);
                assertThat(acknowledged.keySet().stream().filter(m -> !viaA.contains(m)))
                        .as("messages acknowledged by B").hasSizeGreaterThan(10);
                assertThat(acknowledged.values().stream().filter(m -> viaA.contains(m.mark()))
                        .filter(m -> replies.stream().anyMatch(r -> r.mail().equals(m) && r.at().isAfter(killed))))
                        .as("messages acknowledged by A after its restart").isNotEmpty();
                assertThat(delivered.keySet()).as("every recipient of every acknowledged deliverable message")
                        .containsAll(copies(deliverable));
                assertThat(holds.keySet()).as("no deliverable message is held").doesNotContainAnyElementsOf(
                        deliverable.keySet());
                for (Mail m : held.values()) {
                    assertThat(holds.get(m.mark())).as("the hold of " + m.mark())
                            .isEqualTo(new HoldRow("HELD", true));
                }
                assertThat(delivered.keySet().stream().filter(c -> c.recipient().equals(Instances.LOOKALIKE)))
                        .as("held messages at the upstream").isEmpty();
                assertThat(twice.keySet().stream().filter(c -> !inFlightAtTheKill.contains(c.mark())))
                        .as("copies delivered twice that were not in flight at A's SIGKILL").isEmpty();
                assertThat(inFlightAtTheKill).as("messages in flight at A's SIGKILL").hasSizeLessThanOrEqualTo(WORKERS);

                // held messages confirmed through the other instance: delivered once
                Map<Mail, GuardProcess> confirmations = new HashMap<>();
                held.values().stream().filter(m -> viaA.contains(m.mark()) && sentBefore(replies, m, killed))
                        .limit(2).forEach(m -> confirmations.put(m, b));
                GuardProcess restartedA = a;
                held.values().stream().filter(m -> !viaA.contains(m.mark())).limit(2)
                        .forEach(m -> confirmations.put(m, restartedA));
                assertThat(confirmations).as("held messages to confirm (2 from A before the kill, 2 from B)")
                        .hasSize(4);
                for (Map.Entry<Mail, GuardProcess> c : confirmations.entrySet()) {
                    Mail m = c.getKey();
                    HttpResponse<String> sent = Instances.confirmThrough(c.getValue(),
                            Instances.notice(upstream, m.from(), "fault test " + m.mark()));
                    assertThat(sent.statusCode()).as(m.mark() + ": " + sent.body()).isEqualTo(302);
                }
                Set<Copy> released = confirmations.keySet().stream()
                        .map(m -> new Copy(m.mark(), Instances.LOOKALIKE)).collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Delivered.perRecipient(upstream.transactions()).keySet().containsAll(released));
                Thread.sleep(2000);
                Map<Copy, Long> afterRelease = Delivered.perRecipient(upstream.transactions());
                for (Copy c : released) {
                    assertThat(afterRelease.get(c)).as("deliveries of the confirmed " + c.mark()).isEqualTo(1);
                    assertThat(holds(db).get(c.mark())).as("the hold of the confirmed " + c.mark())
                            .isEqualTo(new HoldRow("RELEASED", false));
                }
                afterRelease.keySet().removeAll(released);
                assertThat(afterRelease).as("nothing more delivered after the confirmations").isEqualTo(delivered);

                assertThat(a.output()).as("the restarted A's log").doesNotContain("Cannot read incoming message");
                assertThat(Instances.verify(a)).contains("\"intact\":true");
                assertThat(Instances.verify(b)).contains("\"intact\":true");
            } finally {
                if (toA != null) {
                    toA.close();
                }
                if (toB != null) {
                    toB.close();
                }
                a.close();
                b.close();
            }
        }
    }

    /** A hold as the database keeps it: its state, and whether its bytes are there. */
    private record HoldRow(String state, boolean bytesStored) {
    }

    private static Map<String, String> settings(Path data, SharedSchema db, SmtpSink upstream) throws Exception {
        Map<String, String> s = Instances.settings(data, db, upstream, false);
        // both instances import the same directory at start-up, as one configuration deployed twice
        s.put("guard.directory.import[0]", DemoDirectory.writeTo(data.resolve("directory.csv")).toString());
        s.put("guard.delivery.workers", Integer.toString(WORKERS));
        s.put("guard.delivery.minimal-backoff", "1s");
        s.put("guard.delivery.queue-run-interval", "200ms");
        s.put("guard.confirm.max-notifications-per-hour", "1000000");
        s.put("guard.confirm.max-open-holds-per-sender", "1000000");
        return s;
    }

    private static String since(long start) {
        return String.format("%.1f", (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Mail> ofKind(Map<String, Mail> messages, boolean held) {
        return messages.entrySet().stream().filter(e -> e.getValue().kind().equals("held") == held)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One copy per envelope recipient of each message. */
    private static Set<Copy> copies(Map<String, Mail> messages) {
        return messages.values().stream().flatMap(m -> m.recipients().stream().map(r -> new Copy(m.mark(), r)))
                .collect(Collectors.toSet());
    }

    private static boolean sentBefore(List<Reply> replies, Mail m, Instant moment) {
        return replies.stream().anyMatch(r -> r.mail().equals(m) && r.at().isBefore(moment));
    }

    /** Marks of the held messages whose sender got a hold notice. */
    private static Set<String> notified(SmtpSink upstream) throws Exception {
        Mailbox mailbox = Mailbox.of(upstream);
        return SENDERS.stream().flatMap(sender -> mailbox.to(sender).stream()).map(Mailbox.Notice::subject)
                .filter(subject -> subject.startsWith(NOTICE)).map(subject -> subject.substring(NOTICE.length()))
                .collect(Collectors.toSet());
    }

    /** Every hold in the shared database by the mark in its subject. */
    private static Map<String, HoldRow> holds(SharedSchema db) throws Exception {
        Map<String, HoldRow> holds = new HashMap<>();
        try (var connection = DriverManager.getConnection(db.jdbcUrl); var query = connection.createStatement();
                var rows = query.executeQuery("SELECT h.subject, h.state, (SELECT COUNT(*) FROM hold_message m"
                        + " WHERE m.queue_id = h.queue_id) FROM confirm_hold h")) {
            while (rows.next()) {
                HoldRow previous = holds.put(rows.getString(1).replace("fault test ", ""),
                        new HoldRow(rows.getString(2), rows.getInt(3) == 1));
                assertThat(previous).as("a second hold for " + rows.getString(1)).isNull();
            }
        }
        return holds;
    }
}
