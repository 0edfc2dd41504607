package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.faults.DemoDirectory;
import com.misdeliveryguard.app.faults.SendingClients;
import com.misdeliveryguard.app.faults.SendingClients.Reply;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash soak through the packaged jar (issue 20, fault 5). Four clients send a mix of clean mail
 * (to a known contact) and mail that is held (the same person at a look-alike domain); every ~30 s
 * the guard is killed with SIGKILL — once with SIGTERM instead — and restarted; now and then the
 * upstream refuses connections for a few seconds. At the end: every clean message that got a 250 is
 * delivered, no held message reaches the upstream, every held message that got a 250 has its notice,
 * and duplicates come only from deliveries in flight at a SIGKILL, none from the SIGTERM.
 *
 * <p>The clients send for {@code -Dguard.soak.seconds} (90 by default, for CI) in rounds of about 30 s
 * of running guard; each round ends with a SIGKILL (the second with a SIGTERM) and a restart. Set it
 * higher for a longer soak, e.g. {@code -Dguard.soak.seconds=1800}.
 */
class CrashSoakIT {

    private static final Pattern MARK = Pattern.compile("X-Test-Mark: (soak-[0-9]+)");
    private static final Pattern SUBJECT_MARK = Pattern.compile("(soak-[0-9]+)");
    private static final String KNOWN = "tanaka@aoba-shoji.co.jp";
    private static final String LOOK_ALIKE = "tanaka@aoba-shoji.com";
    private static final List<String> SENDERS = List.of("yamada.taro@example.co.jp", "sato.hanako@example.co.jp",
            "watanabe.daisuke@example.co.jp", "tanaka.misaki@example.co.jp");
    private static final int WORKERS = 4;

    @Test
    void nothingAcknowledgedIsLostUnderKillsSigtermAndUpstreamOutages(@TempDir Path data) throws Exception {
        long seconds = Long.getLong("guard.soak.seconds", 90);
        Random random = new Random();
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            List<String> args = List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.internal-domains=example.co.jp", "--guard.delivery.workers=" + WORKERS,
                    "--guard.directory.import=" + DemoDirectory.writeTo(data.resolve("directory.csv")),
                    "--guard.delivery.minimal-backoff=1s", "--guard.delivery.maximal-backoff=2s",
                    "--guard.delivery.queue-run-interval=200ms", "--guard.confirm.max-notifications-per-hour=1000000",
                    "--guard.confirm.max-open-holds-per-sender=1000000");
            AtomicInteger sequence = new AtomicInteger();
            SendingClients.Maker maker = (client, n) -> n % 4 == 0
                    ? SendingClients.mail("soak-" + n, "held", SENDERS.get(client), LOOK_ALIKE)
                    : SendingClients.mail("soak-" + n, "clean", SENDERS.get(client), KNOWN);
            int rounds = (int) Math.max(2, seconds / 30);
            int kills = 0;
            Map<String, Long> beforeSigterm = Map.of();
            SendingClients clients = null;
            GuardProcess guard = GuardProcess.start(data, port, List.of("-Xmx256m"), args);
            try {
                clients = SendingClients.start(port, SENDERS.size(), sequence, maker);
                for (int round = 0; round < rounds; round++) {
                    sendWhileTheUpstreamFlickers(sink, Duration.ofSeconds(seconds / rounds), random);
                    if (round == 1) {
                        guard.terminate(Duration.ofSeconds(120));
                        beforeSigterm = delivered(sink);
                    } else {
                        guard.kill();
                        kills++;
                    }
                    guard = GuardProcess.start(data, port, List.of("-Xmx256m"), args);
                }
                clients.stop();
                sink.behaviour(SmtpSink.Behaviour.ACCEPT);

                Set<String> clean = marks(clients, "clean");
                Set<String> held = marks(clients, "held");
                long settleUntil = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < settleUntil && !(delivered(sink).keySet().containsAll(clean)
                        && notified(sink).keySet().containsAll(held))) {
                    Thread.sleep(1000);
                }
                Thread.sleep(2000);
                Map<String, Long> delivered = delivered(sink);
                Map<String, Long> notified = notified(sink);
                long duplicates = delivered.values().stream().mapToLong(n -> n - 1).sum();
                long afterSigterm = beforeSigterm.entrySet().stream()
                        .mapToLong(e -> delivered.getOrDefault(e.getKey(), 0L) - e.getValue()).sum();
                Set<String> heldUpstream = new HashSet<>(heldAtUpstream(sink));
                long refused = clients.replies().stream().filter(Reply::temporaryFailure).count();
                System.out.printf("crash soak (%d s): %d SIGKILL, %d SIGTERM; %d clean and %d held messages "
                        + "acknowledged, %d temporary failures; %d clean delivered (%d duplicates, %d after the "
                        + "SIGTERM), %d held notified (%d notices), %d held at the upstream%n", seconds, kills,
                        rounds - kills, clean.size(), held.size(), refused, delivered.size(), duplicates,
                        afterSigterm, notified.size(), notified.values().stream().mapToLong(Long::longValue).sum(),
                        heldUpstream.size());
                assertThat(clean).as("clean messages acknowledged").hasSizeGreaterThan(20);
                assertThat(held).as("held messages acknowledged").hasSizeGreaterThan(5);
                assertThat(delivered.keySet()).as("acknowledged clean messages at the upstream").containsAll(clean);
                assertThat(notified.keySet()).as("acknowledged held messages whose sender got a notice")
                        .containsAll(held);
                assertThat(heldUpstream).as("held messages at the upstream").isEmpty();
                assertThat(afterSigterm).as("duplicates caused by the SIGTERM").isZero();
                assertThat(duplicates).as("duplicates beyond the deliveries in flight at each SIGKILL")
                        .isLessThanOrEqualTo((long) kills * WORKERS);
            } finally {
                if (clients != null) {
                    clients.close();
                }
                guard.kill();
            }
        }
    }

    /** Lets the clients send for {@code period}; now and then the upstream refuses for 2–5 s. */
    private static void sendWhileTheUpstreamFlickers(SmtpSink sink, Duration period, Random random)
            throws InterruptedException {
        long until = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < until) {
            long left = (until - System.nanoTime()) / 1_000_000;
            Thread.sleep(Math.max(0, Math.min(4000 + random.nextInt(6000), left)));
            if (System.nanoTime() < until && random.nextBoolean()) {
                sink.behaviour(SmtpSink.Behaviour.REFUSE);
                Thread.sleep(2000 + random.nextInt(3000));
                sink.behaviour(SmtpSink.Behaviour.ACCEPT);
            }
        }
    }

    private static Set<String> marks(SendingClients clients, String kind) {
        return clients.replies().stream().filter(Reply::acknowledged).filter(r -> r.mail().kind().equals(kind))
                .map(r -> r.mail().mark()).collect(Collectors.toSet());
    }

    /** Clean messages at the upstream (sent to the known contact), by mark. */
    private static Map<String, Long> delivered(SmtpSink sink) {
        return sink.transactions().stream().filter(t -> t.dataReply().startsWith("250"))
                .filter(t -> t.recipients().stream().anyMatch(r -> r.contains(KNOWN)))
                .map(t -> MARK.matcher(t.dataAsString())).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Marks of held messages that reached the upstream addressed to the look-alike recipient. */
    private static List<String> heldAtUpstream(SmtpSink sink) {
        return sink.transactions().stream().filter(t -> t.recipients().stream().anyMatch(r -> r.contains(LOOK_ALIKE)))
                .map(t -> MARK.matcher(t.dataAsString())).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    /** Hold notices (from {@code <>} to a sender) by the mark in the held message's subject they name. */
    private static Map<String, Long> notified(SmtpSink sink) {
        Session session = Session.getInstance(new Properties());
        Map<String, Long> notices = new HashMap<>();
        sink.transactions().stream().filter(t -> t.dataReply().startsWith("250") && t.mailFrom().equals("<>"))
                .forEach(t -> {
                    try {
                        String subject = new MimeMessage(session, new ByteArrayInputStream(t.data())).getSubject();
                        Matcher m = SUBJECT_MARK.matcher(String.valueOf(subject));
                        if (m.find()) {
                            notices.merge(m.group(1), 1L, Long::sum);
                        }
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return notices;
    }
}
