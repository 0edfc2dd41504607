package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.smtp.spool.SpooledMessage;

/**
 * Takes a message that is committed to the spool (in {@code incoming}) and decides, through the
 * guard, what happens to it. Called on the SMTP session's thread before the reply to DATA, so that
 * a REJECT verdict can still be answered in the dialogue.
 *
 * <p>Contract: never throws. A fault after the commit must not turn into a lost message: the
 * message stays in the spool, and the reply is still a 250 (the message is safe on disk). When the
 * records the message's next state depends on cannot be committed (the hold record, the
 * decision-log entries; ADR 0005), the intake removes the message and answers {@link TryLater}:
 * the client keeps its copy and retries.
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

    /** Nothing was kept (its records could not be committed); {@code reply} is a complete 4xx reply line. */
    record TryLater(String reply) implements Disposition {
        public TryLater {
            if (!reply.matches("4[0-9][0-9] [^\\r\\n]*")) {
                throw new IllegalArgumentException("a temporary failure needs a single-line 4xx reply: " + reply);
            }
        }
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
