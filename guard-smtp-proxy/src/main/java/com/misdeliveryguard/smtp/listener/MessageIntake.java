package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.smtp.spool.SpooledMessage;

/**
 * Takes a message that is committed to the spool (in {@code incoming}) and decides, through the
 * guard, what happens to it. Called on the SMTP session's thread before the reply to DATA, so that
 * a REJECT verdict can still be answered in the dialogue.
 *
 * <p>Contract: never throws. A fault after the commit must not turn into a lost message: the
 * message stays in the spool, and the reply is still a 250 (the message is safe on disk).
 */
@FunctionalInterface
public interface MessageIntake {

    Disposition accept(SpooledMessage message);

    /** What the SMTP client is told after DATA. */
    sealed interface Disposition {
    }

    /** Kept (queued, delayed or held): answer 250 with the queue id. */
    record Queued(String id) implements Disposition {
    }

    /** Refused by policy; the spooled copy was removed. {@code reply} is a complete 5xx reply line. */
    record Rejected(String reply) implements Disposition {
        public Rejected {
            if (!reply.matches("5[0-9][0-9] [^\\r\\n]*")) {
                throw new IllegalArgumentException("a rejection needs a single-line 5xx reply: " + reply);
            }
        }
    }
}
