package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.smtp.testing.SmtpSink;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The guard's own notices as they reached the upstream sink, decoded. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile(Pattern.quote(ConfirmTestBase.PUBLIC_URL)
            + "/confirm/[A-Za-z0-9_-]{43}");

    /**
     * One notice: its envelope, decoded subject and text, the confirmation link in it (if any) and its raw bytes.
     */
    public record Notice(String mailFrom, List<String> recipients, String subject, String text, Optional<String> link,
            byte[] raw) {
    }

    private final List<Notice> notices;

    private Mailbox(List<Notice> notices) {
        this.notices = notices;
    }

    public static Mailbox of(SmtpSink sink) throws Exception {
        List<Notice> out = new ArrayList<>();
        for (SmtpSink.Transaction t : sink.transactions()) {
            if (!t.mailFrom().equals("<>")) {
                continue;
            }
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(t.data()));
            String text = textOf(m.getContent());
            if (text == null) {
                continue;
            }
            Matcher link = LINK.matcher(text);
            out.add(new Notice(t.mailFrom(), t.recipients(), m.getSubject(), text,
                    link.find() ? Optional.of(link.group()) : Optional.empty(), t.data()));
        }
        return new Mailbox(out);
    }

    /** Notices whose envelope goes to {@code address}. */
    public List<Notice> to(String address) {
        return notices.stream().filter(n -> n.recipients().stream().anyMatch(r -> r.startsWith("<" + address + ">")))
                .toList();
    }

    /** The text of a notice: the whole body, or the text/plain part of its multipart/alternative. */
    static String textOf(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/plain")) {
                    return (String) parts.getBodyPart(i).getContent();
                }
            }
        }
        return null;
    }

    /** The HTML part of a notice, or null. */
    static String htmlOf(byte[] raw) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        if (m.getContent() instanceof jakarta.mail.Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType("text/html")) {
                    return (String) parts.getBodyPart(i).getContent();
                }
            }
        }
        return null;
    }
}
