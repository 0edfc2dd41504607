package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * <strong>Port: the records a checked message's next state depends on</strong> (ADR 0005): the
 * hold record of a held message, the decision log's {@code received} and {@code verdict} entries.
 * {@link GuardIntake} commits them after the check and before the message moves on. A message held, delayed or
 * refused gets its answer only when {@link #commit} returned; a message the verdict sends on gets its 250 once its
 * bytes are durable in {@code incoming/} and checked, and leaves {@code incoming/} only when {@link #commitBehind}
 * completed.
 *
 * <p>Contract: {@link #commit} and {@link #recommit} are all or nothing (one transaction). They throw when
 * the records could not be committed; then nothing of them is stored, the intake removes the message and the
 * client is told to try again (451), or, for a message checked again, it stays in {@code incoming/}.
 */
@FunctionalInterface
public interface IntakeRecords {

    /** The records of a message checked for the first time (just received, or composed by the guard). */
    void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict);

    /**
     * The records of a message checked again: found in {@code incoming/} after a restart, or left there because its
     * records failed before. Its records may be committed already (a crash came between the commit and the move
     * out of {@code incoming/}): what they hold is then not added twice. By default {@link #commit}, for records
     * that are idempotent by themselves.
     */
    default void recommit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        commit(message, facts, verdict);
    }

    /**
     * The records of a message the verdict sends on (deliver, Bcc, links), committed behind the 250 (ADR 0005): the
     * stage completes once they are committed, exceptionally when they could not be (then nothing of them is stored).
     * The intake moves the message out of {@code incoming/} only when the stage completed normally, so it is never
     * delivered before its records are committed. By default {@link #commit} on the caller's thread.
     */
    default CompletionStage<Void> commitBehind(SpooledMessage message, Optional<MessageFacts> facts,
            Verdict verdict) {
        try {
            commit(message, facts, verdict);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Commits what {@link #commitBehind} still holds and completes its stages (at shutdown). By default nothing. */
    default void finishBehind() {
    }

    /**
     * True when the records keep this held message's bytes themselves (the application stores them in
     * the shared database with the hold record, so that any instance can release it): the intake then
     * removes its local copy instead of moving it to {@code hold/}, and a copy found in
     * {@code incoming/} after a crash is not checked again. False by default (the bytes stay in
     * {@code hold/}); a failure to answer counts as false.
     */
    default boolean keepsHeld(SpooledMessage message) {
        return false;
    }

    /** Keeps no records (the relay without the application around it). */
    IntakeRecords NONE = (message, facts, verdict) -> { };
}
