package com.misdeliveryguard.core.guard;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;

/**
 * <strong>The pipeline seam.</strong> Every message accepted by the listener passes exactly one
 * {@code Guard} between the spool and delivery; the verdict decides whether it is delivered, delayed,
 * held or rejected.
 *
 * <p>Contract:
 * <ul>
 *   <li>called once per accepted message, after its bytes are safe on disk and before any delivery;</li>
 *   <li>called concurrently from several SMTP sessions: implementations are thread-safe;</li>
 *   <li>{@code facts} were parsed from the stored bytes; their {@link MessageFacts#problems()} list what the
 *       parser could not read, and a guard must not treat an unreadable message as clean;</li>
 *   <li>an exception from {@code check} is not "deliver": the caller holds the message (fail closed).</li>
 * </ul>
 */
@FunctionalInterface
public interface Guard {

    Verdict check(Envelope envelope, MessageFacts facts);
}
