package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.core.message.MessageFacts;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;

/**
 * What happens to messages on the relay path, told to whoever listens: metrics now, the decision
 * log later. Listeners are called on the thread that did the work and must not throw or block long.
 * Default methods do nothing, so a listener implements only what it needs.
 */
public interface RelayEvents {

    /** Committed to the spool; the 250 is about to be sent. */
    default void accepted(SpooledMessage message) {
    }

    /**
     * The guard's verdict (the action is what was done, after policy), with the facts it was based
     * on; the facts are empty for messages the guard produced itself (bounces), which are not checked.
     */
    default void checked(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
    }

    /** The upstream accepted a recipient. */
    default void relayed(SpooledMessage message, RecipientResult result) {
    }

    /**
     * The upstream accepted these recipients in one attempt (told once per attempt, so that a listener
     * can record them together); by default {@link #relayed} for each.
     *
     * @return completes when the listener has recorded them: a delivered message leaves the spool only
     *         then, so that one whose records a crash cut short is still there to be told again
     *         ({@link #relayedEarlier}). A listener that records on the calling thread returns a completed
     *         stage. One that could not record them completes it exceptionally (after logging the failure):
     *         the message then stays in {@code outgoing/}, is not sent again (its journal says relayed), and
     *         the next attempt tells {@link #relayedEarlier}; a listener that can lose a record completes it
     *         normally.
     */
    default CompletionStage<Void> relayedAll(SpooledMessage message, java.util.List<RecipientResult> results) {
        results.forEach(r -> relayed(message, r));
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A message found in the spool at start-up whose journal says the upstream accepted these recipients in
     * an earlier run, or whose records of them failed in this run ({@link #relayedAll}): the listener records
     * whatever of them it has not recorded yet (the run may have ended before their records were written), and
     * nothing twice.
     *
     * @return whether the listener has them recorded now: false (after logging why) keeps the message in
     *         {@code outgoing/}, neither removed nor sent on, until a later attempt tells them again
     */
    default boolean relayedEarlier(SpooledMessage message, java.util.List<RecipientResult> results) {
        return true;
    }

    /** A temporary failure; the next attempt is scheduled. */
    default void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
    }

    /** A permanent failure or expiry; a DSN goes to the sender unless the sender is {@code <>}. */
    default void bounced(SpooledMessage message, RecipientResult result) {
    }

    /**
     * A delivery status notification about {@code original} was queued as the guard's own message
     * {@code dsnId} to {@code to} (so that its delivery can be shown with the message it is about).
     */
    default void dsnQueued(SpooledMessage original, String dsnId, com.misdeliveryguard.core.mail.MailAddress to) {
    }

    /** Listens to nothing. */
    RelayEvents NONE = new RelayEvents() {
    };

    /**
     * Tells every listener, in order. A listener that throws is logged and skipped: metrics or the
     * log failing must not change what happens to a message.
     */
    static RelayEvents all(java.util.List<? extends RelayEvents> listeners) {
        return new CompositeRelayEvents(java.util.List.copyOf(listeners));
    }
}
