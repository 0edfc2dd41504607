package com.misdeliveryguard.app.confirm.hold;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When things happened to a hold (all from the injected clock).
 *
 * @param createdAt  when the verdict held it
 * @param expiresAt  when it expires; its links expire with it
 * @param deliverAt  for a delayed message, when it is delivered unless cancelled
 * @param notifiedAt when the first notification went out
 * @param remindedAt when the reminder went out
 * @param decidedAt  when it reached its last state
 */
public record HoldTimes(Instant createdAt, Instant expiresAt, Optional<Instant> deliverAt, Optional<Instant> notifiedAt,
        Optional<Instant> remindedAt, Optional<Instant> decidedAt) {

    public HoldTimes {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(deliverAt, "deliverAt");
        Objects.requireNonNull(notifiedAt, "notifiedAt");
        Objects.requireNonNull(remindedAt, "remindedAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** A new hold: nothing happened yet. */
    public static HoldTimes created(Instant createdAt, Instant expiresAt, Optional<Instant> deliverAt) {
        return new HoldTimes(createdAt, expiresAt, deliverAt, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** From the notification (or, if none went out, from the hold) to {@code decision}. */
    public Duration sinceNotification(Instant decision) {
        Duration d = Duration.between(notifiedAt.orElse(createdAt), decision);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
