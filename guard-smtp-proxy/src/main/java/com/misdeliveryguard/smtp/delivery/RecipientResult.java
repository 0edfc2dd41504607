package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;

/**
 * What the upstream said about one recipient.
 *
 * @param recipient the envelope recipient
 * @param outcome   relayed, temporary or permanent failure
 * @param reply     the upstream's reply (e.g. {@code 550 5.1.1 User unknown}) or a description of the
 *                  local failure (e.g. {@code 421 4.4.1 connection refused by mx.example.com:25})
 */
public record RecipientResult(MailAddress recipient, Outcome outcome, String reply) {

    public enum Outcome {
        RELAYED, TEMPORARY_FAILURE, PERMANENT_FAILURE
    }

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reply, "reply");
        if (reply.contains("\r") || reply.contains("\n")) {
            reply = reply.replaceAll("[\\r\\n]+", " ");
        }
    }
}
