package com.misdeliveryguard.app.policy;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The JSON form of a check: what an add-in knows before sending.
 *
 * @param from        envelope sender (the user's address)
 * @param to          To recipients
 * @param cc          Cc recipients
 * @param bcc         Bcc recipients (envelope only)
 * @param subject     subject
 * @param body        the body text (its opening lines are checked for salutations)
 * @param attachments attachment file names
 * @param inReplyTo   Message-IDs the mail replies to (In-Reply-To and References)
 */
record CheckRequest(String from, List<Named> to, List<Named> cc, List<Named> bcc, String subject, String body,
        List<String> attachments, List<String> inReplyTo) {

    /** An address with an optional display name. */
    record Named(String name, String address) {
    }

    CheckRequest {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
    }

    List<MailAddress> envelopeRecipients() {
        Set<MailAddress> all = new LinkedHashSet<>();
        for (List<Named> list : List.of(to, cc, bcc)) {
            for (Named named : list) {
                all.add(CheckApiController.address(named.address()));
            }
        }
        return List.copyOf(all);
    }

    /** The message an add-in would send, built with encoded headers so that names cannot inject fields. */
    byte[] toMessage() throws IOException {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            if (from != null) {
                message.setFrom(new InternetAddress(CheckApiController.address(from).toString()));
            }
            message.setRecipients(Message.RecipientType.TO, internet(to));
            message.setRecipients(Message.RecipientType.CC, internet(cc));
            message.setSubject(subject, "UTF-8");
            if (!inReplyTo.isEmpty()) {
                String ids = String.join(" ", inReplyTo.stream().map(id -> "<" + id.replaceAll("[<>\\s]", "") + ">")
                        .toList());
                message.setHeader("In-Reply-To", ids);
                message.setHeader("References", ids);
            }
            MimeMultipart parts = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            parts.addBodyPart(text);
            for (String name : attachments) {
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setContent(new byte[0], "application/octet-stream");
                attachment.setFileName(jakarta.mail.internet.MimeUtility.encodeText(name, "UTF-8", "B"));
                attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                parts.addBodyPart(attachment);
            }
            message.setContent(parts);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException e) {
            throw CheckApiController.bad("cannot build a message from the request: " + e.getMessage());
        }
    }

    private static InternetAddress[] internet(List<Named> list) throws UnsupportedEncodingException {
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < list.size(); i++) {
            Named n = list.get(i);
            out[i] = new InternetAddress(CheckApiController.address(n.address()).toString(),
                    n.name() == null ? null : n.name(), StandardCharsets.UTF_8.name());
        }
        return out;
    }
}
