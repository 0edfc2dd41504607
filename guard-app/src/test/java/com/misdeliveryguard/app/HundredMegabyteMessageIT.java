package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages are streamed, never held whole: a 100 MB message relays through a guard run with the
 * production JVM flags (jvm.options: 256 MB of heap) — parsed and checked by every rule (shadow mode,
 * so that the unknown test recipient is delivered rather than held) — and arrives byte-identical after
 * the trace header, the guard's peak resident size staying under 350 MB.
 */
class HundredMegabyteMessageIT {

    private static final long SIZE = 100L * 1024 * 1024;

    @Test
    void aHundredMegabyteMessageRelaysWithA256MegabyteHeap(@TempDir Path data) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            try (GuardProcess guard = GuardProcess.start(data, port, GuardProcess.productionJvm(),
                    List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                            "--guard.smtp.max-message-size=120MB", "--guard.policy.mode=shadow"))) {
                String sent = send(port, "alice@example.com", "bob@example.org", "big");
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> sink.transactions().size() == 1);
                SmtpSink.Transaction t = sink.transactions().get(0);
                assertThat(t.dataReply()).startsWith("250");
                assertThat(sha256AfterTraceHeader(t.file())).isEqualTo(sent);
                assertThat(guard.output()).doesNotContain("OutOfMemoryError");
                assertThat(guard.peakResidentKb()).as("peak resident kB").isLessThan(GuardProcess.RESIDENT_LIMIT_KB);
            }
        }
    }

    /** Sends a 100 MB message (base64 lines) over SMTP and expects its 250; returns the SHA-256 of what was sent. */
    static String send(int port, String from, String to, String subject) throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.greeting();
            client.command("EHLO big.test");
            RawSmtpClient.expect(client.command("MAIL FROM:<" + from + "> SIZE=" + SIZE), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<" + to + ">"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            byte[] header = ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            client.write(header);
            sent.update(header);
            byte[] line = ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            long written = header.length;
            while (written + block.length <= SIZE) {
                client.write(block);
                sent.update(block);
                written += block.length;
            }
            client.write(".\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
        return HexFormat.of().formatHex(sent.digest());
    }

    static String sha256AfterTraceHeader(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            // skip the first header field: lines up to the first line that does not start with white space
            int prev = -1;
            int b;
            while ((b = in.read()) >= 0) {
                if (prev == '\n' && b != ' ' && b != '\t') {
                    digest.update((byte) b);
                    break;
                }
                prev = b;
            }
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
