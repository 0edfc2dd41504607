package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.file.Path;
import java.time.Duration;
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

/**
 * A 250 is a promise (RFC 5321 §6.1). The guard runs in its own JVM; clients send continuously; the
 * JVM is killed with SIGKILL twice at arbitrary moments. After the restart every message that got a
 * 250 reaches the upstream, and duplicates are bounded by the deliveries in flight at the kill
 * (a recipient recorded as relayed in the journal is never sent again). Every message is checked by
 * the rules in shadow mode, so that the test recipients, unknown to the empty directory, are delivered.
 */
class KillNineLosesNothingIT {

    private static final Pattern MARK = Pattern.compile("X-Test-Mark: (m-[0-9]+-[0-9]+)");

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterSigkill(@TempDir Path data) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            List<String> args = List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.delivery.minimal-backoff=1s", "--guard.delivery.queue-run-interval=200ms",
                    "--spring.datasource.url=jdbc:h2:mem:kill9", "--guard.policy.mode=shadow");
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
            }
        }
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
