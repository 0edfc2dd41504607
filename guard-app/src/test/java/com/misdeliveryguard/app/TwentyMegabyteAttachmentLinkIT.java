package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments behind links are streamed both ways: a 20 MB attachment to an external recipient relays
 * through the packaged guard run with the production JVM flags (jvm.options: 256 MB of heap; stored
 * encrypted in the embedded database chunk by chunk), the copy that reaches GreenMail carries a link
 * instead of the bytes, the download streamed from the guard has the attachment's SHA-256, and the
 * guard's peak resident size stays under 350 MB.
 */
class TwentyMegabyteAttachmentLinkIT {

    private static final int SIZE = 20 * 1024 * 1024;

    @Test
    void aTwentyMegabyteAttachmentGoesBehindALinkAndDownloadsWithA256MegabyteHeap(@TempDir Path data) throws Exception {
        GreenMail upstream = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        upstream.start();
        int smtp = GuardProcess.freePort();
        int web = GuardProcess.freePort();
        String base = "http://127.0.0.1:" + web;
        try (GuardProcess guard = GuardProcess.start(data, smtp, GuardProcess.productionJvm(),
                List.of("--server.port=" + web, "--guard.upstream.host=127.0.0.1",
                        "--guard.upstream.port=" + upstream.getSmtp().getPort(), "--guard.smtp.max-message-size=40MB",
                        "--guard.policy.mode=shadow", "--guard.internal-domains=example.co.jp",
                        "--guard.public-url=" + base, "--guard.attachments.links.enabled=true"))) {
            MessageDigest attachment = MessageDigest.getInstance("SHA-256");
            try (RawSmtpClient client = new RawSmtpClient(smtp)) {
                client.greeting();
                client.command("EHLO big.test");
                RawSmtpClient.expect(client.command("MAIL FROM:<tanaka@example.co.jp>"), "250");
                RawSmtpClient.expect(client.command("RCPT TO:<partner@big-customer.example>"), "250");
                RawSmtpClient.expect(client.command("DATA"), "354");
                client.write(("From: tanaka@example.co.jp\r\nTo: partner@big-customer.example\r\nSubject: big file\r\n"
                        + "Message-ID: <big-link@example.co.jp>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=big\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\n"
                        + "The drawings are attached.\r\n--big\r\nContent-Type: application/octet-stream; name=drawings.bin\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] raw = new byte[57 * 1000];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) (i * 13 + 5);
                }
                byte[] encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(raw);
                for (int sent = 0; sent < SIZE; sent += raw.length) {
                    client.write(encoded);
                    client.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    attachment.update(raw);
                }
                client.write("--big--\r\n.\r\n");
                RawSmtpClient.expect(client.reply(), "250");
            }
            MimeMessage copy = Awaitility.await().atMost(Duration.ofSeconds(180)).until(() -> {
                MimeMessage[] all = upstream.getReceivedMessages();
                return all.length == 0 ? null : all[0];
            }, m -> m != null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            copy.writeTo(bytes);
            assertThat(bytes.size()).as("the copy carries a link, not 20 MB").isLessThan(64 * 1024);
            Matcher link = Pattern.compile(Pattern.quote(base) + "/d/([A-Za-z0-9_-]{32})").matcher(bytes.toString(
                    StandardCharsets.UTF_8));
            assertThat(link.find()).isTrue();

            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String page = http.send(HttpRequest.newBuilder(URI.create(link.group(0))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
            Matcher action = Pattern.compile("action=\"(/d/[^\"]+/files/\\d+)[^\"]*\"").matcher(page);
            assertThat(csrf.find() && action.find()).isTrue();
            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(URI.create(base + action.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1),
                            StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long length = 0;
            try (InputStream in = download.body()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    received.update(buffer, 0, n);
                    length += n;
                }
            }
            assertThat(length).isGreaterThanOrEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(attachment.digest()));
            assertThat(guard.output()).doesNotContain("OutOfMemoryError");
            assertThat(guard.peakResidentKb()).as("peak resident kB").isLessThan(GuardProcess.RESIDENT_LIMIT_KB);
        } finally {
            upstream.stop();
        }
    }
}
