package com.misdeliveryguard.app.links;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The guard's own mails about links (receipts to senders, incident reports to security officers):
 * text/plain UTF-8 in base64, {@code Auto-Submitted: auto-generated}, the subject cleaned of control
 * characters before it is encoded, so nothing from a message can add a header.
 */
final class PlainMail {

    private final InternetAddress from;
    private final String hostName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Session session = Session.getInstance(new Properties());

    PlainMail(String fromAddress, String hostName, Clock clock) {
        this.hostName = hostName;
        this.clock = clock;
        try {
            this.from = new InternetAddress(fromAddress, "Misdelivery Guard", StandardCharsets.UTF_8.name());
            this.from.validate();
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("not a mail address: '" + fromAddress + "'", e);
        }
    }

    byte[] write(String to, String subject, String text) {
        try {
            byte[] id = new byte[12];
            random.nextBytes(id);
            String messageId = "<" + HexFormat.of().formatHex(id) + ".links@" + hostName + ">";
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(clean(subject), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setText(text.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8.name());
            message.setHeader("Content-Transfer-Encoding", "base64");
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write a mail to " + to, e);
        }
    }

    static String clean(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
