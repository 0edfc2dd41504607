package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.faults.Delivered;
import com.misdeliveryguard.app.faults.DemoDirectory;
import com.misdeliveryguard.app.faults.SendingClients;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail is not accepted before the directory is loaded (issue 20, fault 4). The packaged guard starts
 * with a 100,000-contact {@code guard.directory.import}; a client tries to send a correct message to a
 * known contact (whose row comes last in the file) every 200 ms from the moment the process starts.
 * Until the import has finished the connection is refused (or answered 421) and readiness is not UP;
 * the first message accepted afterwards, and every one after it, is delivered — none is held as an
 * unknown recipient.
 */
class NoMailCheckedBeforeDirectoryLoadedIT {

    private static final int CONTACTS = 100_000;

    @Test
    void theListenerOpensOnlyAfterTheStartUpImport(@TempDir Path work) throws Exception {
        Path csv = writeDirectory(work.resolve("directory.csv"));
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            GuardProcess guard = GuardProcess.launch(work.resolve("data"), port, List.of("-Xmx384m"), List.of(
                    "--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.internal-domains=example.co.jp", "--guard.directory.import=" + csv));
            try {
                int refused = 0;
                int readyTooEarly = 0;
                List<String> acknowledged = new ArrayList<>();
                long started = System.nanoTime();
                long deadline = started + Duration.ofMinutes(10).toNanos();
                for (int n = 0; acknowledged.size() < 3; n++) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the guard accepted no mail within 10 minutes:\n" + guard.output());
                    }
                    assertThat(guard.isAlive()).as("guard running").isTrue();
                    String mark = "dir-" + n;
                    // readiness is read before the attempt: read after a refusal, it may rightly be UP already (the
                    // import ended and the listener opened in between), which is no fault
                    boolean readyBefore = readinessUp(guard);
                    String reply = trySend(port, mark);
                    if (reply.startsWith("250")) {
                        assertThat(guard.output()).as("the import had finished when the first message was accepted")
                                .contains("Directory start-up import finished");
                        acknowledged.add(mark);
                    } else {
                        assertThat(reply).as("reply before the listener is ready").matches("refused|421.*");
                        refused++;
                        readyTooEarly += readyBefore ? 1 : 0;
                        Thread.sleep(200);
                    }
                }
                String log = guard.output();
                System.out.printf("start-up import test: first 250 %d s after the start; %d attempts refused during the "
                        + "import of %d contacts; readiness UP too early %d times%n",
                        Duration.ofNanos(System.nanoTime() - started).toSeconds(), refused, CONTACTS, readyTooEarly);
                assertThat(refused).as("attempts made while the import ran").isGreaterThanOrEqualTo(5);
                assertThat(readyTooEarly).as("readiness UP while the listener was closed").isZero();
                assertThat(log).contains("Directory import: ");
                assertThat(log.indexOf("Directory start-up import finished"))
                        .isLessThan(log.indexOf("SMTP listener on port"));
                Awaitility.await("accepted mail to the known contact is delivered, not held")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> Delivered.byMark(sink).keySet().containsAll(acknowledged));
                assertThat(guard.output()).doesNotContain("Held ");
            } finally {
                guard.kill();
            }
        }
    }

    /** A message to a known contact of the demo directory, or "refused" / the first non-2xx/3xx reply. */
    private static String trySend(int port, String mark) throws IOException {
        try (RawSmtpClient smtp = new RawSmtpClient(port)) {
            String greeting = smtp.greeting();
            if (!greeting.startsWith("220")) {
                return greeting.isEmpty() ? "refused" : greeting;
            }
            smtp.command("EHLO import.test");
            SendingClients.Mail mail = SendingClients.mail(mark, "clean", "yamada.taro@example.co.jp",
                    "tanaka@aoba-shoji.co.jp");
            return smtp.send(mail.from(), mail.to(), mail.content());
        } catch (ConnectException e) {
            return "refused";
        }
    }

    private static boolean readinessUp(GuardProcess guard) {
        try {
            return guard.readiness().up();
        } catch (IOException | InterruptedException notListeningYet) {
            return false;
        }
    }

    /**
     * 100,000 generated contacts in 200 organizations with unrelated random domains (so that no
     * look-alike rule fires), then the bundled demo directory, whose {@code tanaka@aoba-shoji.co.jp}
     * is the recipient.
     */
    private static Path writeDirectory(Path csv) throws IOException {
        Random random = new Random(20);
        List<String> domains = new ArrayList<>();
        for (int o = 0; o < 200; o++) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                d.append((char) ('a' + random.nextInt(26)));
            }
            domains.add(d + ".co.jp");
        }
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("email,name,name_kana,organization,department\r\n");
            for (int i = 0; i < CONTACTS; i++) {
                int org = i % domains.size();
                out.write("p" + i + "@" + domains.get(org) + ",社員 " + i + "号,しゃいん,取引先" + org + "株式会社,部署"
                        + (i % 7) + "\r\n");
            }
            out.write(DemoDirectory.rows());
        }
        return csv;
    }
}
