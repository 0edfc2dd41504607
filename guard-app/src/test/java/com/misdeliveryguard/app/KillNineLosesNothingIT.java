package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A 250 is a promise (RFC 5321 §6.1). The guard runs in its own JVM; clients send continuously; the
 * JVM is killed with SIGKILL twice at arbitrary moments. After the restart every message that got a
 * 250 reaches the upstream, and duplicates are bounded by the deliveries in flight at the kill
 * (a recipient recorded as relayed in the journal is never sent again). Every message is checked by
 * the rules in shadow mode, so that the test recipients, unknown to the empty directory, are delivered.
 *
 * <p>The decision log (embedded H2 in the data directory, killed with the JVM) holds each delivered message once:
 * one {@code received} and one {@code verdict} entry, even for a message whose records were committed just before a
 * kill and which the restart checked again, and a {@code delivered} entry, even for one whose entry a kill cut off
 * after its delivery; the chain verifies.
 */
class KillNineLosesNothingIT {

    private static final Pattern MARK = Pattern.compile("X-Test-Mark: (m-[0-9]+-[0-9]+)");
    private static final String AUDITOR_PASSWORD = "kill9-auditor";

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterSigkill(@TempDir Path data) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            List<String> args = List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.delivery.minimal-backoff=1s", "--guard.delivery.queue-run-interval=200ms",
                    "--guard.policy.mode=shadow", "--guard.audit.users[0].name=auditor",
                    "--guard.audit.users[0].password-hash=" + new BCryptPasswordEncoder(4).encode(AUDITOR_PASSWORD),
                    "--guard.audit.users[0].roles[0]=AUDITOR");
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 2; round++) {
                GuardProcess guard = GuardProcess.start(data, port, List.of("-Xmx256m"), args);
                AtomicBoolean sending = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(4);
                int r = round;
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    clients.execute(() -> sendUntilStopped(port, r, client, sending, acknowledged));
                }
                // kill at an arbitrary moment once this round has some acknowledged mail (however loaded the machine)
                int before = acknowledged.size();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> acknowledged.size() - before >= 12);
                Thread.sleep((long) (Math.random() * 1500));
                guard.kill();
                sending.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(acknowledged).hasSizeGreaterThan(20);

            try (GuardProcess restarted = GuardProcess.start(data, port, List.of("-Xmx256m"), args)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(sink).keySet().containsAll(acknowledged));
                Map<String, Long> counts = delivered(sink);
                long duplicates = counts.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("kill -9 test: %d messages acknowledged with 250, %d delivered, %d duplicates%n",
                        acknowledged.size(), counts.size(), duplicates);
                assertThat(duplicates).as("duplicates beyond deliveries in flight at the two kills").isLessThanOrEqualTo(8);
                assertThat(restarted.output()).contains("Spool ");

                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertLoggedOnce(decisionLog(restarted), counts.keySet()));
                assertThat(CanonicalJson.parseObject(get(restarted, "/api/v1/audit/verify"))).containsEntry("intact", true);
            }
        }
    }

    /**
     * Each message the upstream took has one received entry (found by its subject), one verdict entry and at
     * least one delivered entry.
     */
    private static void assertLoggedOnce(List<Map<String, Object>> entries, Set<String> marks) {
        Map<String, List<String>> queuesBySubject = entries.stream().filter(e -> e.get("type").equals("received"))
                .collect(Collectors.groupingBy(e -> String.valueOf(details(e).get("subject")),
                        Collectors.mapping(e -> (String) e.get("queue"), Collectors.toList())));
        Map<String, Map<Object, Long>> typesByQueue = entries.stream().filter(e -> e.get("queue") != null)
                .collect(Collectors.groupingBy(e -> (String) e.get("queue"),
                        Collectors.groupingBy(e -> e.get("type"), Collectors.counting())));
        for (String mark : marks) {
            List<String> queues = queuesBySubject.getOrDefault("load " + mark, List.of());
            assertThat(queues).as("received entries of %s", mark).hasSize(1);
            Map<Object, Long> types = typesByQueue.get(queues.get(0));
            assertThat(types).as("entries of %s", mark).containsEntry("verdict", 1L);
            assertThat(types.getOrDefault("delivered", 0L)).as("delivered entries of %s", mark).isPositive();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("details");
    }

    /** Every entry, newest first, through the auditors' API (500 a page). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> decisionLog(GuardProcess guard) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        Object before = null;
        while (true) {
            Map<String, Object> page = CanonicalJson.parseObject(get(guard,
                    "/api/v1/audit/entries?size=500" + (before == null ? "" : "&before=" + before)));
            List<Map<String, Object>> found = (List<Map<String, Object>>) page.get("entries");
            entries.addAll(found);
            before = page.get("older");
            if (before == null || found.isEmpty()) {
                return entries;
            }
        }
    }

    private static String get(GuardProcess guard, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("auditor:" + AUDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + guard.webPort + path)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static Map<String, Long> delivered(SmtpSink sink) {
        return sink.transactions().stream().map(t -> MARK.matcher(t.dataAsString())).filter(Matcher::find)
                .map(m -> m.group(1)).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void sendUntilStopped(int port, int round, int client, AtomicBoolean sending, Set<String> acknowledged) {
        int n = 0;
        while (sending.get()) {
            try (RawSmtpClient smtp = new RawSmtpClient(port)) {
                smtp.greeting();
                smtp.command("EHLO load.test");
                while (sending.get()) {
                    String mark = "m-" + round + client + "-" + n++;
                    String reply = smtp.send("load@example.com", "rcpt" + client + "@example.org",
                            "Subject: load " + mark + "\r\nX-Test-Mark: " + mark + "\r\n\r\n" + "x".repeat(2000));
                    if (reply.startsWith("250")) {
                        acknowledged.add(mark);
                    }
                }
            } catch (Exception | AssertionError e) {
                // the guard was killed mid-session: whatever had no 250 was never promised
            }
        }
    }
}
