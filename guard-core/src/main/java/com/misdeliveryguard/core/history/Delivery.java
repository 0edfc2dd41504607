package com.misdeliveryguard.core.history;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message from {@code sender} delivered to {@code recipients} at {@code at}: what {@link SenderHistory}
 * records for each attempt in which the upstream accepted recipients.
 */
public record Delivery(MailAddress sender, List<MailAddress> recipients, Instant at) {

    public Delivery {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(at, "at");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a delivery has at least one recipient");
        }
    }
}
