package com.misdeliveryguard.core.audit;

import java.util.List;

/**
 * <strong>Port: the append-only decision log</strong> (SPEC §7, RELIABILITY promise 10). Every
 * step of a message's path, every decision a person takes about it and every look at the log
 * itself is one entry.
 *
 * <p>Contract for every implementation:
 * <ol>
 *   <li>{@link #append} stores exactly one entry and returns it; it never changes or removes earlier entries
 *       (only retention deletes, and records that it did);</li>
 *   <li>sequence numbers start at 1 and grow by exactly one per entry, with no gaps, across threads and across
 *       processes sharing one database;</li>
 *   <li>entry times are UTC, in milliseconds, and never go backwards along the sequence (an entry appended on
 *       a host whose clock lags gets the previous entry's time);</li>
 *   <li>each entry's {@link LogEntry#prevHash()} is the hash of the entry before it ({@link LogEntry#GENESIS}
 *       for the first), and its {@link LogEntry#hash()} is {@link LogEntry#computeHash()};</li>
 *   <li>thread-safe; an append that returns has been committed (or, inside a caller's transaction, commits
 *       with it). An append that throws stored nothing. A message's {@code received} and {@code verdict}
 *       entries are committed before its 250 (ADR 0005): when they cannot be, the client is told to try again.
 *       Callers of later entries log the failure and carry on (the log must not decide a message's fate).</li>
 * </ol>
 *
 * <p>Callers (the relay path, the confirmation page, the expiry job, admin pages) build one of the
 * {@link AuditEvent} records and hand it here; for example
 * {@code log.append(HoldDecided.confirmed(queueId, sender, Actor.of(user, ip, ua), took, recipients, dept, fast))}.
 */
public interface DecisionLog {

    /** Appends one event as the next entry of the chain. */
    LogEntry append(AuditEvent event);

    /**
     * Appends events as consecutive entries, in order; implementations that can make it one
     * transaction do (nothing else is appended between them).
     */
    default List<LogEntry> appendAll(List<? extends AuditEvent> events) {
        return events.stream().map(this::append).toList();
    }
}
