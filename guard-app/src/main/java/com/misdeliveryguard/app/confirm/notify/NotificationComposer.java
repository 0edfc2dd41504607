package com.misdeliveryguard.app.confirm.notify;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Writes a notification as RFC 5322 bytes with Jakarta Mail: {@code multipart/alternative} of a
 * {@code text/plain; charset=UTF-8} part in base64 with the configured language first and the other
 * below, and an HTML part with the same facts as recipient cards and one button to the page
 * ({@link NotificationHtml}); headers built by the
 * library from cleaned values — the subject of the held message has its CR, LF and other control
 * characters removed before it is RFC 2047-encoded, so nothing a sender writes can add a header.
 * {@code Auto-Submitted: auto-generated} (RFC 3834) keeps auto-responders quiet.
 */
public final class NotificationComposer {

    private final NotificationBody body;
    private final NotificationHtml html = new NotificationHtml();
    private final Texts first;
    private final InternetAddress from;
    private final String hostName;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Session session = Session.getInstance(new Properties());

    public NotificationComposer(Texts first, String fromAddress, String hostName, Clock clock) {
        this.body = new NotificationBody();
        this.first = Objects.requireNonNull(first, "first");
        this.hostName = Objects.requireNonNull(hostName, "hostName");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.from = new InternetAddress(fromAddress, "Misdelivery Guard", StandardCharsets.UTF_8.name());
            this.from.validate();
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("guard.confirm.notification-from is not a mail address: '"
                    + fromAddress + "'", e);
        }
    }

    /**
     * The complete message, CRLF line ends throughout.
     *
     * @param link      the confirmation link, for kinds that carry one
     * @param approvers the approvers' addresses, named in approval notices
     */
    public byte[] compose(NotificationKind kind, HeldMessage hold, MailAddress to, Optional<String> link,
            List<String> approvers) {
        String text = body.write(first, kind, hold, link, approvers) + "\n----------------------------------------\n\n"
                + body.write(first.other(), kind, hold, link, approvers);
        String subject = first.get("mail." + kind.key() + ".subject", PlainText.line(hold.subject(), 120));
        try {
            MimeMessage message = new Notice(session, "<" + HexFormat.of().formatHex(randomBytes()) + ".confirm@"
                    + hostName + ">");
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.toString(), true));
            message.setSubject(PlainText.line(subject, 250), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8.name());
            plain.setHeader("Content-Transfer-Encoding", "base64");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>"
                    + html.write(first, kind, hold, link, approvers) + "<hr>"
                    + html.write(first.other(), kind, hold, link, approvers) + "</body></html>",
                    StandardCharsets.UTF_8.name(), "html");
            rich.setHeader("Content-Transfer-Encoding", "base64");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write the notification for " + hold.queueId(), e);
        }
    }

    private byte[] randomBytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }

    /** A MimeMessage with our own Message-ID (the default asks the local host name). */
    private static final class Notice extends MimeMessage {
        private final String messageId;

        Notice(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
