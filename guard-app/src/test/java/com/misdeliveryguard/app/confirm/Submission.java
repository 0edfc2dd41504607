package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic business mail as a client submits it (builder): From, To and Cc with Japanese display
 * names as RFC 2047 encoded words, Bcc only in the envelope, a UTF-8 subject, an 8-bit text part
 * and an attachment with an RFC 2231 file name. {@link #bytes()} are exactly the DATA bytes.
 */
public final class Submission {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String subject;
    private final String messageId = "<confirm-test-" + SEQUENCE.incrementAndGet() + "." + System.nanoTime()
            + "@client.test>";
    private String from = ConfirmTestBase.SENDER;
    private String fromName = "田中 太郎";
    private final List<String[]> to = new ArrayList<>();
    private final List<String[]> cc = new ArrayList<>();
    private final List<String> bcc = new ArrayList<>();
    private final List<String> headerOnly = new ArrayList<>();
    private String attachment = "見積書_あおば商事.pdf";
    private String body = "株式会社あおば商事\r\n佐藤様\r\n\r\nいつもお世話になっております。\r\nお見積書をお送りします。\r\n";
    private byte[] bytes;

    public Submission(String subject) {
        this.subject = subject;
    }

    public Submission from(String address) {
        this.from = address;
        return this;
    }

    public Submission to(String name, String address) {
        to.add(new String[] {name, address});
        return this;
    }

    public Submission cc(String name, String address) {
        cc.add(new String[] {name, address});
        return this;
    }

    /** Leaves an address of To or Cc out of the envelope: the header names it, nobody receives it here. */
    Submission notInEnvelope(String address) {
        headerOnly.add(address);
        return this;
    }

    Submission bcc(String address) {
        bcc.add(address);
        return this;
    }

    public Submission attachment(String fileName) {
        this.attachment = fileName;
        return this;
    }

    /** The text part (CRLF line ends). */
    public Submission body(String text) {
        this.body = text;
        return this;
    }

    Submission rawToHeaderName(String raw) {
        this.fromName = raw;
        return this;
    }

    public String subject() {
        return subject;
    }

    public String messageIdHeader() {
        return "Message-ID: " + messageId;
    }

    List<String> envelope() {
        List<String> all = new ArrayList<>();
        to.forEach(a -> all.add(a[1]));
        cc.forEach(a -> all.add(a[1]));
        all.addAll(bcc);
        all.removeAll(headerOnly);
        return all;
    }

    /** The DATA bytes (CRLF line ends, ending with CRLF), built once. */
    public byte[] bytes() {
        if (bytes == null) {
            StringBuilder m = new StringBuilder();
            m.append("From: ").append(word(fromName)).append(" <").append(from).append(">\r\n");
            m.append("To: ").append(list(to)).append("\r\n");
            if (!cc.isEmpty()) {
                m.append("Cc: ").append(list(cc)).append("\r\n");
            }
            m.append("Subject: ").append(word(subject)).append("\r\n");
            m.append("Message-ID: ").append(messageId).append("\r\n");
            m.append("Date: Mon, 6 Oct 2025 10:00:00 +0900\r\n");
            m.append("MIME-Version: 1.0\r\n");
            m.append("Content-Type: multipart/mixed; boundary=\"b-confirm\"\r\n\r\n");
            m.append("--b-confirm\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
            m.append(body);
            if (attachment != null) {
                m.append("--b-confirm\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''")
                        .append(percent(attachment)).append("\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n");
            }
            m.append("--b-confirm--\r\n");
            bytes = m.toString().getBytes(StandardCharsets.UTF_8);
        }
        return bytes.clone();
    }

    /** Submits over SMTP and returns the queue id from the 250 reply. */
    public String send(int port, boolean authenticate) throws IOException {
        String reply = RawSmtpClient.expect(finalReply(port, authenticate), "250");
        return reply.substring(reply.lastIndexOf(' ') + 1).strip();
    }

    /** Submits over SMTP and returns the reply to the end of data, whatever it is. */
    String finalReply(int port, boolean authenticate) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.greeting();
            client.command("EHLO client.test");
            if (authenticate) {
                String plain = Base64.getEncoder().encodeToString(("\0tanaka\0" + ConfirmTestBase.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                RawSmtpClient.expect(client.command("AUTH PLAIN " + plain), "235");
            }
            RawSmtpClient.expect(client.command("MAIL FROM:<" + from + "> BODY=8BITMIME"), "250");
            for (String r : envelope()) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + r + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.write(bytes());
            data.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            client.write(data.toByteArray());
            return client.reply();
        }
    }

    private static String list(List<String[]> addresses) {
        List<String> parts = new ArrayList<>();
        for (String[] a : addresses) {
            parts.add((a[0] == null || a[0].isEmpty() ? "" : word(a[0]) + " ") + "<" + a[1] + ">");
        }
        return String.join(",\r\n ", parts);
    }

    /** An RFC 2047 encoded word for non-ASCII text, a quoted string for ASCII. */
    static String word(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
