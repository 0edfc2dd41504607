package com.misdeliveryguard.app.links;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.testing.Intake;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with attachments as links on (one Spring context shared by the subclasses): the
 * real SMTP listener, spool, queue and web server, GreenMail as the upstream, H2, a {@link MutableClock},
 * a guard that delivers everything, a small directory, {@code security@example.co.jp} as the security
 * officer, console users {@code admin}/{@code auditor} and the SMTP user {@code tanaka}.
 * Links are built from {@code guard.public-url=http://links.test}; tests point them at the real port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {GuardApplication.class, LinksTestBase.TestBeans.class})
abstract class LinksTestBase {

    static final String PASSWORD = "s3cret links password";
    static final String PUBLIC_URL = "http://links.test";
    static final String SENDER = "tanaka@example.co.jp";
    static final String COLLEAGUE = "kato@example.co.jp";
    static final String PARTNER = "suzuki@midori-bank.co.jp";
    static final String OTHER = "sato@aoba-shoji.co.jp";
    static final String OFFICER = "security@example.co.jp";
    static final GreenMail upstream = greenMail();
    static final Path data = tempDir();
    static final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
    static final byte[] PDF = pdf();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/d/([A-Za-z0-9_-]{32})");

    @Autowired
    SmtpListener listener;

    @Autowired
    Spool spool;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path directory = data.resolve("directory.csv");
        Files.writeString(directory, String.join("\n",
                "email,name,name_kana,organization,department",
                "sato@aoba-shoji.co.jp,佐藤 一郎,さとう いちろう,株式会社あおば商事,営業部",
                "suzuki@midori-bank.co.jp,鈴木 花子,すずき はなこ,みどり銀行,法人営業部",
                "tanaka@example.co.jp,田中 太郎,たなか たろう,エグザンプル株式会社,営業部",
                "kato@example.co.jp,加藤 次郎,かとう じろう,エグザンプル株式会社,経理部") + "\n", StandardCharsets.UTF_8);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("guard.data-dir", data::toString);
        registry.add("guard.public-url", () -> PUBLIC_URL);
        registry.add("guard.host-name", () -> "guard.example.co.jp");
        registry.add("guard.internal-domains[0]", () -> "example.co.jp");
        registry.add("guard.directory.import[0]", directory::toString);
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.smtp.auth.allow-plain-on-loopback", () -> true);
        registry.add("guard.smtp.auth.users[0].name", () -> "tanaka");
        registry.add("guard.smtp.auth.users[0].password-hash", () -> hash);
        registry.add("guard.smtp.auth.users[0].addresses[0]", () -> SENDER);
        registry.add("guard.upstream.host", () -> "127.0.0.1");
        registry.add("guard.upstream.port", () -> upstream.getSmtp().getPort());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:links-app;DB_CLOSE_DELAY=-1");
        registry.add("guard.attachments.links.enabled", () -> true);
        registry.add("guard.attachments.links.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.incidents.notify[0]", () -> OFFICER);
        registry.add("guard.confirm.tick-interval", () -> "1h");
        registry.add("guard.audit.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.audit.users[0].name", () -> "admin");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "ADMIN");
        registry.add("guard.audit.users[1].name", () -> "auditor");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "AUDITOR");
    }

    private static GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-links-app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pdf() {
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + i / 251);
        }
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        return body;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(bytes);
    }

    static byte[] crlf(String text, Charset charset) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }

    static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A fresh Message-ID for a test message. */
    static String messageId() {
        return "<links-test-" + SEQUENCE.incrementAndGet() + "." + System.nanoTime() + "@example.co.jp>";
    }

    /**
     * A Japanese mail with an ISO-2022-JP text, an 8-bit UTF-8 HTML alternative and the PDF attached under
     * the RFC 2231 name 見積書_みどり銀行様.pdf.
     */
    static byte[] japaneseMailWithPdf(String subjectTag, String to) {
        Charset jis = Charset.forName("ISO-2022-JP");
        return join(crlf("From: =?UTF-8?B?" + Base64.getEncoder().encodeToString("田中 太郎".getBytes(StandardCharsets.UTF_8))
                + "?= <" + SENDER + ">\nTo: " + to + "\nSubject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString(("お見積書の送付 " + subjectTag).getBytes(StandardCharsets.UTF_8))
                + "?=\nMessage-ID: " + messageId() + "\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"=_outer\"\n\n--=_outer\n"
                + "Content-Type: multipart/alternative; boundary=\"=_alt\"\n\n--=_alt\n"
                + "Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n",
                StandardCharsets.US_ASCII),
                crlf("みどり銀行\n鈴木様\n\nお見積書をお送りします。\n", jis),
                crlf("--=_alt\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
                        + "<html><body><p>鈴木様</p><p>お見積書をお送りします。</p></body></html>\n--=_alt--\n\n--=_outer\n"
                        + "Content-Type: application/pdf\n"
                        + "Content-Disposition: attachment;\n filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8_%E3%81%BF%E3%81%A9"
                        + "%E3%82%8A%E9%8A%80%E8%A1%8C%E6%A7%98.pdf\nContent-Transfer-Encoding: base64\n\n", StandardCharsets.UTF_8),
                crlf(base64(PDF) + "\n--=_outer--\n", StandardCharsets.US_ASCII));
    }

    static final String PDF_NAME = "見積書_みどり銀行様.pdf";

    /** Submits over SMTP (authenticated as tanaka, 8BITMIME) and returns the queue id. */
    String submit(byte[] message, List<String> recipients) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO client.test");
            String plain = Base64.getEncoder().encodeToString(("\0tanaka\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            RawSmtpClient.expect(client.command("AUTH PLAIN " + plain), "235");
            RawSmtpClient.expect(client.command("MAIL FROM:<" + SENDER + "> BODY=8BITMIME"), "250");
            for (String r : recipients) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + r + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write(join(dotStuffed(message), ".\r\n".getBytes(StandardCharsets.US_ASCII)));
            String reply = RawSmtpClient.expect(client.reply(), "250");
            return Intake.settled(spool, reply.substring(reply.lastIndexOf(' ') + 1).strip());
        }
    }

    private static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.replace("\r\n.", "\r\n..").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The raw bytes GreenMail received for a mailbox whose Message-ID is the message's; waits for it. */
    byte[] receivedBy(String mailbox, byte[] message) {
        String id = header(message, "Message-ID");
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(mailbox, id), b -> b != null);
    }

    /** The messages in one GreenMail user's inbox (not matched by header addresses). */
    static List<MimeMessage> inbox(String mailbox) throws Exception {
        var user = upstream.getUserManager().getUserByEmail(mailbox);
        if (user == null) {
            return List.of();
        }
        List<MimeMessage> out = new java.util.ArrayList<>();
        for (var stored : upstream.getManagers().getImapHostManager().getInbox(user).getMessages()) {
            out.add(stored.getMimeMessage());
        }
        return out;
    }

    private byte[] find(String mailbox, String messageId) throws Exception {
        for (MimeMessage m : inbox(mailbox)) {
            if (messageId.equals(m.getMessageID())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                m.writeTo(out);
                return out.toByteArray();
            }
        }
        return null;
    }

    /**
     * What GreenMail stored after its own headers and the guard's trace header (GreenMail keeps no final
     * CRLF, so neither does this), as ISO-8859-1 text for byte-exact comparison.
     */
    static String afterTrace(byte[] received) {
        String text = new String(received, StandardCharsets.ISO_8859_1);
        int guardTrace = text.indexOf("(Misdelivery Guard)");
        int end = text.indexOf("\r\n", guardTrace);
        while (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t') {
            end = text.indexOf("\r\n", end + 2);
        }
        return withoutFinalCrlf(text.substring(end + 2).getBytes(StandardCharsets.ISO_8859_1));
    }

    static String withoutFinalCrlf(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text;
    }

    /** Mails GreenMail received for a mailbox whose subject contains the text, as raw text (UTF-8). */
    List<String> mailsTo(String mailbox, String subjectPart) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (MimeMessage m : inbox(mailbox)) {
            if (m.getSubject() != null && m.getSubject().contains(subjectPart)) {
                out.add(String.valueOf(m.getContent()));
            }
        }
        return out;
    }

    static String header(byte[] message, String name) {
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("no " + name);
    }

    /** The token of the first download link in a received copy. */
    static String token(byte[] received) {
        Matcher m = LINK.matcher(new String(received, StandardCharsets.ISO_8859_1)
                + decodedText(received));
        if (!m.find()) {
            throw new AssertionError("no download link in the copy");
        }
        return m.group(1);
    }

    /** The decoded text of every base64 block of a message (a notice may be base64). */
    static String decodedText(byte[] received) {
        StringBuilder out = new StringBuilder();
        Matcher blocks = Pattern.compile("(?m)((?:^[A-Za-z0-9+/=]{20,}\r\n)+)").matcher(
                new String(received, StandardCharsets.ISO_8859_1));
        while (blocks.find()) {
            try {
                out.append(new String(Base64.getMimeDecoder().decode(blocks.group(1)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException ignored) {
                // not base64 after all
            }
        }
        return out.toString();
    }

    String base() {
        return "http://127.0.0.1:" + webPort;
    }

    String local(String link) {
        return link.replace(PUBLIC_URL, base());
    }

    ConfirmClient client() {
        return new ConfirmClient(base());
    }

    /** Downloads recorded for a recipient of one message. */
    int downloadsOf(String address, String queueId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM link_download d JOIN link_recipient r ON r.id = d.recipient_id "
                + "WHERE r.address = ? AND r.queue_id = ?", Integer.class, address, queueId);
    }

    List<String> logOf(String queueId) {
        return jdbc.queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ? ORDER BY seq", String.class,
                queueId);
    }

    /** The page's CSRF token and the file id of its first download button. */
    record Page(String csrf, long fileId) {
    }

    Page page(ConfirmClient browser, String token) throws Exception {
        String html = browser.get("/d/" + token).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        Matcher file = Pattern.compile("/d/" + token + "/files/(\\d+)").matcher(html);
        if (!csrf.find() || !file.find()) {
            throw new AssertionError("no download form on the page: " + html);
        }
        return new Page(csrf.group(1), Long.parseLong(file.group(1)));
    }

    java.net.http.HttpResponse<byte[]> download(ConfirmClient browser, String token) throws Exception {
        Page p = page(browser, token);
        return browser.postForBytes("/d/" + token + "/files/" + p.fileId(), Map.of("_csrf", List.of(p.csrf())));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {

        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }

        @Bean
        @Primary
        Guard testGuard() {
            return (envelope, facts) -> Verdict.deliver();
        }
    }
}
