package com.misdeliveryguard.core.history;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone a sender wrote to.
 *
 * @param recipient  the recipient's address
 * @param deliveries messages delivered from the sender to the recipient within the retention, at least 1
 * @param lastAt     the latest of those deliveries
 */
public record Correspondent(MailAddress recipient, int deliveries, Instant lastAt) {

    public Correspondent {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(lastAt, "lastAt");
        if (deliveries < 1) {
            throw new IllegalArgumentException("deliveries must be at least 1: " + deliveries);
        }
    }
}
