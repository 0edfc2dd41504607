package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient a sender confirmed.
 *
 * @param sender          who confirmed (the envelope sender of the held message)
 * @param recipient       the confirmed recipient
 * @param learnedAt       when the confirmation happened
 * @param sourceMessageId the Message-ID of the confirmed message, if it had one
 */
public record LearnedRecipient(MailAddress sender, MailAddress recipient, Instant learnedAt,
        Optional<String> sourceMessageId) {

    static final int MAX_MESSAGE_ID = 998;

    public LearnedRecipient {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(learnedAt, "learnedAt");
        sourceMessageId = sourceMessageId.map(String::strip).filter(id -> !id.isEmpty());
        if (sourceMessageId.filter(id -> id.length() > MAX_MESSAGE_ID).isPresent()) {
            throw new IllegalArgumentException("message id longer than " + MAX_MESSAGE_ID + " characters");
        }
    }
}
