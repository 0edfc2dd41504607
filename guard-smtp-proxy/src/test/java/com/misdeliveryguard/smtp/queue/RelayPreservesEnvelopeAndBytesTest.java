package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.core.guard.DeliverEverything;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What is relayed is what was received: the stored envelope (MAIL FROM including {@code <>}, every
 * RCPT including Bcc) and the stored bytes after exactly one prepended {@code Received:} header —
 * no header rewriting, no re-encoding, so a client's DKIM signature still verifies.
 */
class RelayPreservesEnvelopeAndBytesTest {

    static final String MESSAGE = String.join("\r\n",
            "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from:to:subject;",
            "\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==",
            "From: =?UTF-8?B?44GC44GK44Gw5ZWG5LqLIOeUsOS4rQ==?= <alice@example.com>",
            "To: Bob <bob@example.org>",
            "Cc: carol@example.org",
            "Subject:   odd   spacing kept ",
            "Message-ID: <relay-1@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "田中様",
            ".leading dot line",
            "line with trailing spaces   ",
            "",
            "");

    private final SmtpSink sink = start();
    private final RelayFixture relay = new RelayFixture(sink.port(), new DeliverEverything());

    private static SmtpSink start() {
        try {
            return SmtpSink.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() throws Exception {
        relay.close();
        sink.close();
    }

    @Test
    void shouldRelayRawSocketSubmissionWithEnvelopeAndBytesUnchanged() throws Exception {
        byte[] submitted = MESSAGE.getBytes(StandardCharsets.UTF_8);
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com> BODY=8BITMIME"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<carol@example.org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<dave.bcc@example.net>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write(stuffed(submitted));
            client.write(".\r\n");
            RawSmtpClient.expect(client.reply(), "250 2.0.0 Ok: queued as ");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        SmtpSink.Transaction t = sink.transactions().get(0);
        assertThat(t.mailFrom()).isEqualTo("<alice@example.com>");
        assertThat(t.mailParameters()).contains("BODY=8BITMIME");
        assertThat(t.recipients()).containsExactly("<bob@example.org>", "<carol@example.org>", "<dave.bcc@example.net>");
        assertThat(afterTraceHeader(t.data())).isEqualTo(submitted);
        assertThat(new String(t.data(), StandardCharsets.ISO_8859_1)).startsWith("Received: from client.test");
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.count(QueueState.OUTGOING) == 0);
    }

    @Test
    void shouldRelayAJakartaMailSubmissionByteForByte() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(relay.listener.port()));
        props.put("mail.smtp.localhost", "client.test");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("alice@example.com", "あおば商事 田中", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress("hidden@example.net"));
        message.setSubject("見積書の件", "UTF-8");
        message.setText("お世話になっております。\r\n", "UTF-8");
        Transport.send(message);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        SmtpSink.Transaction t = sink.transactions().get(0);
        assertThat(t.mailFrom()).isEqualTo("<alice@example.com>");
        assertThat(t.recipients()).containsExactlyInAnyOrder("<bob@example.org>", "<hidden@example.net>");
        byte[] stored = relay.storedBytes.values().iterator().next();
        assertThat(afterTraceHeader(t.data())).isEqualTo(stored);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("hidden@example.net");
    }

    @Test
    void shouldSendUpstreamTheCanonicalAddressesNeverTheClientStrings() throws Exception {
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM: <Alice@EXAMPLE.com> SIZE=100"), "250");
            RawSmtpClient.expect(client.command("rcpt to:<Bob.Smith@EXAMPLE.Org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO: <carol@xn--r8jz45g.Example>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob.smith@example.org>"), "250");
            assertThat(client.command("RCPT TO:<bob@example.org> NOTIFY=NEVER")).startsWith("555");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: canonical\r\n\r\nx\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        SmtpSink.Transaction t = sink.transactions().get(0);
        assertThat(t.mailFrom()).isEqualTo("<Alice@example.com>");
        assertThat(t.mailParameters()).doesNotContain("SIZE=100");
        assertThat(t.recipients()).containsExactly("<Bob.Smith@example.org>", "<carol@xn--r8jz45g.example>",
                "<bob.smith@example.org>");
    }

    @Test
    void shouldKeepTheNullSender() throws Exception {
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("From: MAILER-DAEMON@example.com\r\nSubject: bounce\r\n\r\nx\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        assertThat(sink.transactions().get(0).mailFrom()).isEqualTo("<>");
    }

    @Test
    void shouldDeliverToEveryEnvelopeRecipientOfAGreenMailUpstream() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try (RelayFixture toGreenMail = new RelayFixture(greenMail.getSmtp().getPort(), new DeliverEverything());
                RawSmtpClient client = toGreenMail.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<carol@example.org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<dave.bcc@example.net>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write(stuffed(MESSAGE.getBytes(StandardCharsets.UTF_8)));
            client.write(".\r\n");
            RawSmtpClient.expect(client.reply(), "250");
            await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 3);
            for (String rcpt : new String[] {"bob@example.org", "carol@example.org", "dave.bcc@example.net"}) {
                assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals(rcpt), m -> true))
                        .as("mailbox of " + rcpt).hasSize(1);
            }
            MimeMessage received = greenMail.getReceivedMessages()[0];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            received.writeTo(out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("Received: from client.test").contains("by guard.test")
                    .contains("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel; h=from:to:subject;\r\n\tbh=")
                    .contains("Subject:   odd   spacing kept \r\n").contains("\r\n.leading dot line\r\n")
                    .contains("田中様");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void shouldArriveAtGreenMailByteIdenticalFromARawClientAndFromJakartaMail() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try (RelayFixture toGreenMail = new RelayFixture(greenMail.getSmtp().getPort(), new DeliverEverything())) {
            try (RawSmtpClient client = toGreenMail.ehlo()) {
                RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com> BODY=8BITMIME"), "250");
                RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
                RawSmtpClient.expect(client.command("RCPT TO:<dave.bcc@example.net>"), "250");
                RawSmtpClient.expect(client.command("DATA"), "354");
                client.write(stuffed(MESSAGE.getBytes(StandardCharsets.UTF_8)));
                client.write(".\r\n");
                RawSmtpClient.expect(client.reply(), "250");
            }
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(toGreenMail.listener.port()));
            props.put("mail.smtp.localhost", "client.test");
            MimeMessage submitted = new MimeMessage(Session.getInstance(props));
            submitted.setFrom(new InternetAddress("carol@example.com", "鈴木 花子", "UTF-8"));
            submitted.setRecipient(Message.RecipientType.TO, new InternetAddress("erin@example.org"));
            submitted.setRecipient(Message.RecipientType.BCC, new InternetAddress("frank.bcc@example.net"));
            submitted.setSubject("ご請求書の件", "UTF-8");
            submitted.setText("いつもお世話になっております。\r\n", "UTF-8");
            Transport.send(submitted);

            await().atMost(Duration.ofSeconds(10)).until(() -> greenMail.getReceivedMessages().length == 4);
            java.util.Map<String, String> senderOf = java.util.Map.of("bob@example.org", "<alice@example.com>",
                    "dave.bcc@example.net", "<alice@example.com>", "erin@example.org", "<carol@example.com>",
                    "frank.bcc@example.net", "<carol@example.com>");
            for (var mailbox : senderOf.entrySet()) {
                MimeMessage[] box = greenMail.findReceivedMessages(u -> u.getEmail().equals(mailbox.getKey()), m -> true)
                        .toArray(MimeMessage[]::new);
                assertThat(box).as("mailbox of " + mailbox.getKey()).hasSize(1);
                assertThat(box[0].getHeader("Return-Path", null)).as("MAIL FROM seen by GreenMail")
                        .isEqualTo(mailbox.getValue());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                box[0].writeTo(out);
                byte[] arrived = out.toByteArray();
                int ours = new String(arrived, StandardCharsets.ISO_8859_1).indexOf("Received: from client.test");
                assertThat(ours).as("the guard's trace header").isGreaterThanOrEqualTo(0);
                byte[] stored = toGreenMail.storedBytes.values().stream()
                        .filter(b -> new String(b, StandardCharsets.ISO_8859_1).contains(
                                mailbox.getValue().equals("<alice@example.com>") ? "DKIM-Signature" : "carol@example.com"))
                        .findFirst().orElseThrow();
                // GreenMail keeps the data without the CRLF that precedes the final "." (the sink test above
                // shows that the guard sends it); everything else must be the stored bytes, byte for byte
                assertThat(stored).endsWith((byte) '\r', (byte) '\n');
                assertThat(afterTraceHeader(Arrays.copyOfRange(arrived, ours, arrived.length)))
                        .as("bytes after the trace header at " + mailbox.getKey())
                        .isEqualTo(Arrays.copyOf(stored, stored.length - 2));
            }
        } finally {
            greenMail.stop();
        }
    }

    /** The bytes after the first header field (the guard's trace header, possibly folded). */
    static byte[] afterTraceHeader(byte[] relayed) {
        String text = new String(relayed, StandardCharsets.ISO_8859_1);
        int end = 0;
        do {
            end = text.indexOf("\r\n", end) + 2;
        } while (text.charAt(end) == ' ' || text.charAt(end) == '\t');
        return Arrays.copyOfRange(relayed, end, relayed.length);
    }

    /** Dot-stuffing as a client does it (RFC 5321 §4.5.2). */
    static byte[] stuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String result = (text.startsWith(".") ? "." : "") + text.replace("\r\n.", "\r\n..");
        return result.getBytes(StandardCharsets.ISO_8859_1);
    }
}
