package com.misdeliveryguard.app;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load harness for the relay (opt-in: {@code -Dguard.bench=true}). Clients send 4 KB messages over
 * persistent sessions for a fixed time, first straight to the sink (baseline: what the client and
 * sink cost on this machine), then through the guard (packaged jar, own JVM, fsync per message) to
 * the same sink. Prints messages per second and the latency of the 250 reply (p50/p99).
 */
@EnabledIfSystemProperty(named = "guard.bench", matches = "true")
class RelayLoadBenchmarkIT {

    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(20);

    @Test
    void relayThroughputAgainstBaseline(@TempDir Path data) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            Result baseline = load(sink.port());
            int port = GuardProcess.freePort();
            try (AutoCloseable guard = GuardProcess.start(data, port,
                    List.of("-Xmx512m"), List.of("--guard.upstream.host=127.0.0.1",
                            "--guard.upstream.port=" + sink.port(), "--spring.datasource.url=jdbc:h2:mem:bench",
                            "--guard.delivery.workers=8", "--guard.policy.mode=shadow"))) {
                int before = sink.transactions().size();
                Result guarded = load(port);
                Awaitility.await().atMost(Duration.ofMinutes(2))
                        .until(() -> sink.transactions().size() - before >= guarded.messages);
                System.out.printf("%nRelay load, %d clients, %d s, 4 KB messages%n", CLIENTS, RUN.toSeconds());
                System.out.printf("| path | messages/s | 250 latency p50 | p99 |%n|---|---|---|---|%n");
                baseline.print("client → sink (baseline)");
                guarded.print("client → guard → sink");
            }
        }
    }

    /**
     * Messages with a 1 MB attachment to an external recipient, through two guards in one run: links off,
     * then links on (each recipient's copy rewritten, the file stored encrypted in H2). Throughput is what
     * reached the sink per second, from the first submission to the last delivery.
     */
    @Test
    void attachmentThroughputWithLinksOffAndOn(@TempDir Path data) throws Exception {
        byte[] raw = new byte[768 * 1024];
        new java.util.Random(7).nextBytes(raw);
        String body = "Subject: load with attachment\r\nFrom: load@example.com\r\nTo: rcpt@example.org\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nThe file is attached.\r\n--b\r\n"
                + "Content-Type: application/pdf; name=file.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(raw) + "\r\n--b--\r\n";
        System.out.printf("%nRelay load, %d clients, %d s, 1 MB messages (768 KB attachment) to an external recipient%n",
                CLIENTS, ATTACHMENT_RUN.toSeconds());
        System.out.printf("| links | delivered/s | 250 latency p50 | p99 |%n|---|---|---|---|%n");
        for (boolean links : new boolean[] {false, true}) {
            try (SmtpSink sink = SmtpSink.start()) {
                int port = GuardProcess.freePort();
                try (AutoCloseable guard = GuardProcess.start(data.resolve(links ? "on" : "off"), port,
                        List.of("-Xmx512m"), List.of("--guard.upstream.host=127.0.0.1",
                                "--guard.upstream.port=" + sink.port(), "--guard.delivery.workers=8",
                                "--guard.policy.mode=shadow", "--guard.internal-domains=example.co.jp",
                                "--guard.smtp.max-message-size=5MB", "--guard.attachments.links.enabled=" + links))) {
                    long start = System.nanoTime();
                    Result accepted = load(port, body, ATTACHMENT_RUN);
                    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                            .until(() -> sink.transactions().size() >= accepted.messages);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("| %s | %.1f | %.0f ms | %.0f ms |%n", links ? "on" : "off",
                            accepted.messages / seconds, accepted.p50Millis, accepted.p99Millis);
                }
            }
        }
    }

    private static final Duration ATTACHMENT_RUN = Duration.ofSeconds(15);

    private record Result(int messages, double perSecond, double p50Millis, double p99Millis) {
        void print(String name) {
            System.out.printf("| %s | %.0f | %.2f ms | %.2f ms |%n", name, perSecond, p50Millis, p99Millis);
        }
    }

    private static Result load(int port) throws Exception {
        return load(port, "Subject: load\r\nFrom: load@example.com\r\nTo: rcpt@example.org\r\n\r\n"
                + ("x".repeat(76) + "\r\n").repeat(52), RUN);
    }

    private static Result load(int port, String body, Duration run) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            pool.execute(() -> {
                try (RawSmtpClient client = new RawSmtpClient(port)) {
                    client.greeting();
                    client.command("EHLO bench.test");
                    while (running.get()) {
                        long t = System.nanoTime();
                        RawSmtpClient.expect(client.send("load@example.com", "rcpt@example.org", body), "250");
                        latencies.add(System.nanoTime() - t);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Thread.sleep(run.toMillis());
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), sorted.size() / seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }
}
