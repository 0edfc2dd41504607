package com.misdeliveryguard.smtp.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a temporarily failed message again, like Postfix's queue manager
 * ({@code minimal_backoff_time} 300 s, {@code maximal_backoff_time} 4000 s,
 * {@code maximal_queue_lifetime} 5 d).
 *
 * <p>The wait after the n-th failed attempt is {@code minimalBackoff × 2^(n-1)}, capped at
 * {@code maximalBackoff}: 300 s, 600 s, 1200 s, 2400 s, 4000 s, 4000 s, … The lifetime counts from the
 * time the message was received. A retry that would fall after the end of the lifetime is moved to
 * that instant (one last attempt); once the lifetime is over, there is no next attempt and the
 * message is returned to its sender.
 *
 * @param minimalBackoff wait after the first failed attempt
 * @param maximalBackoff longest wait between two attempts
 * @param maximalLifetime how long after receipt the message may stay queued
 */
public record RetrySchedule(Duration minimalBackoff, Duration maximalBackoff, Duration maximalLifetime) {

    public static final Duration DEFAULT_MINIMAL_BACKOFF = Duration.ofSeconds(300);
    public static final Duration DEFAULT_MAXIMAL_BACKOFF = Duration.ofSeconds(4000);
    public static final Duration DEFAULT_MAXIMAL_LIFETIME = Duration.ofDays(5);

    public RetrySchedule {
        Objects.requireNonNull(minimalBackoff, "minimalBackoff");
        Objects.requireNonNull(maximalBackoff, "maximalBackoff");
        Objects.requireNonNull(maximalLifetime, "maximalLifetime");
        if (minimalBackoff.isNegative() || minimalBackoff.isZero()) {
            throw new IllegalArgumentException("minimalBackoff must be positive");
        }
        if (maximalBackoff.compareTo(minimalBackoff) < 0) {
            throw new IllegalArgumentException("maximalBackoff must not be shorter than minimalBackoff");
        }
        if (maximalLifetime.isNegative() || maximalLifetime.isZero()) {
            throw new IllegalArgumentException("maximalLifetime must be positive");
        }
    }

    /** 300 s, 4000 s, 5 days. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(DEFAULT_MINIMAL_BACKOFF, DEFAULT_MAXIMAL_BACKOFF, DEFAULT_MAXIMAL_LIFETIME);
    }

    /**
     * The next attempt.
     *
     * @param receivedAt    when the message was accepted
     * @param attemptsSoFar delivery attempts made already; 0 means the first attempt is due now
     * @param now           the current time (from the caller's clock)
     * @return the instant of the next attempt, or empty when the lifetime is exhausted
     */
    public Optional<Instant> nextAttempt(Instant receivedAt, int attemptsSoFar, Instant now) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(now, "now");
        if (attemptsSoFar < 0) {
            throw new IllegalArgumentException("attemptsSoFar must not be negative");
        }
        Instant expiry = expiresAt(receivedAt);
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        if (attemptsSoFar == 0) {
            return Optional.of(now);
        }
        Instant next = now.plus(backoffAfter(attemptsSoFar));
        return Optional.of(next.isAfter(expiry) ? expiry : next);
    }

    /** The wait after {@code failedAttempts} failed attempts (at least 1). */
    public Duration backoffAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        Duration backoff = minimalBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maximalBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maximalBackoff) > 0 ? maximalBackoff : backoff;
    }

    /** The end of the message's lifetime. */
    public Instant expiresAt(Instant receivedAt) {
        return receivedAt.plus(maximalLifetime);
    }
}
