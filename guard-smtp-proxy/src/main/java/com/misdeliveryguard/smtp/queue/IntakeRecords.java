package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.util.Optional;

/**
 * <strong>Port: the records a checked message's next state depends on</strong> (ADR 0005): the
 * hold record of a held message, the decision log's {@code received} and {@code verdict} entries.
 * {@link GuardIntake} commits them after the check and before the message moves on; a submitted
 * message gets its 250 only when this returned.
 *
 * <p>Contract: {@link #commit} is all or nothing (one transaction) and idempotent for a message
 * checked again after a restart. It throws when the records could not be committed; then nothing
 * of them is stored, the intake removes the message and the client is told to try again (451).
 */
@FunctionalInterface
public interface IntakeRecords {

    void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict);

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
