package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;
import java.io.IOException;
import java.io.InputStream;

/**
 * A second look at the {@link com.misdeliveryguard.core.guard.Guard}'s verdict with the stored message
 * at hand, e.g. to honour a confirmation the sender already gave in the mail client. Called by
 * {@link GuardIntake} once per checked message, after the guard and before the message moves on.
 *
 * <p>Contract: return the verdict unchanged when there is nothing to say; never return a verdict for
 * a message the guard could not check (the intake does not call a review for fail-closed verdicts);
 * an exception keeps the guard's verdict (the intake logs it).
 */
@FunctionalInterface
public interface VerdictReview {

    /** Keeps every verdict as the guard gave it. */
    VerdictReview NONE = (envelope, facts, verdict, content) -> verdict;

    /**
     * @param content opens the stored message bytes (headers first); the caller closes what it opens
     */
    Verdict review(Envelope envelope, MessageFacts facts, Verdict verdict, Content content) throws IOException;

    /** The stored message, opened on demand. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }
}
