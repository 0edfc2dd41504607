package com.misdeliveryguard.app.client;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a ticket is bound to, in canonical form: the envelope sender, the <em>set</em> of envelope
 * recipients (lower-case, sorted, duplicates removed — order and To/Cc/Bcc placement do not matter),
 * the subject with white space collapsed (so that header folding does not matter) and the actionable
 * findings as {@code rule|recipient} lines, sorted.
 */
record BoundMessage(String sender, List<String> recipients, String subject, List<String> findings) {

    static BoundMessage of(ReversePath sender, Collection<MailAddress> recipients, String subject,
            Collection<Finding> findings) {
        TreeSet<String> rcpts = new TreeSet<>();
        recipients.forEach(r -> rcpts.add(r.toString().toLowerCase(Locale.ROOT)));
        TreeSet<String> shown = new TreeSet<>();
        for (Finding f : findings) {
            if (f.actionable()) {
                shown.add(f.ruleId() + "|" + f.recipient().map(r -> r.toString().toLowerCase(Locale.ROOT)).orElse(""));
            }
        }
        return new BoundMessage(sender.address().map(a -> a.toString().toLowerCase(Locale.ROOT)).orElse(""),
                List.copyOf(rcpts), subject.strip().replaceAll("\\s+", " "), List.copyOf(shown));
    }

    /** SHA-256 (hex) of the findings: tells "other findings" apart from "other message" when a ticket fails. */
    String findingsDigest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", findings).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text the ticket's MAC signs: everything in the ticket plus this message. */
    String signedText(String user, long expiresEpochSecond, String digest) {
        return String.join("\n", ConfirmationTicket.VERSION, user, Long.toString(expiresEpochSecond), digest, sender,
                String.join(",", recipients), subject);
    }
}
