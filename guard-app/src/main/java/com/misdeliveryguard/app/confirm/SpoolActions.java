package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.util.List;

/**
 * What a decision does to the spooled message, through the relay's own operations
 * ({@link DeliveryQueue#release}, {@link DeliveryQueue#discard}). Before either, the message must
 * still be in {@code hold/} with the SHA-256 it was held with: a decision is bound to the bytes
 * the sender was shown. Called inside the decision's transaction, after the state change, so a
 * failure here rolls the state change back.
 */
final class SpoolActions {

    /** The message is not in {@code hold/} any more, or its bytes changed. */
    static final class MessageGone extends RuntimeException {
        MessageGone(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final Spool spool;
    private final DeliveryQueue queue;

    SpoolActions(Spool spool, DeliveryQueue queue) {
        this.spool = spool;
        this.queue = queue;
    }

    /** True when the message is in {@code hold/} (readable). */
    boolean isHeld(String queueId) {
        try {
            spool.read(QueueState.HOLD, queueId);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the message is in {@code incoming/}: committed, its move on cut short by a crash (start-up finishes it). */
    boolean isIncoming(String queueId) {
        return spool.list(QueueState.INCOMING).contains(queueId);
    }

    /** Delivers to {@code recipients} only; the other envelope recipients are journaled as dropped. */
    void release(HeldMessage hold, List<MailAddress> recipients, String reason) {
        verify(hold);
        try {
            queue.release(hold.queueId(), recipients, reason);
        } catch (IOException e) {
            throw new MessageGone("cannot release " + hold.queueId(), e);
        }
    }

    /** The stored bytes of the held message, after checking they are still the ones it was held with. */
    byte[] content(HeldMessage hold) {
        verify(hold);
        try (java.io.InputStream in = spool.openContent(QueueState.HOLD, hold.queueId())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MessageGone("cannot read " + hold.queueId(), e);
        }
    }

    /** True when the policy converts the held message to Bcc: its external To/Cc addresses leave the header. */
    boolean convertsToBcc(HeldMessage hold) {
        verify(hold);
        try {
            return !spool.headerRemovals(QueueState.HOLD, hold.queueId()).isEmpty();
        } catch (IOException e) {
            throw new MessageGone("cannot read " + hold.queueId(), e);
        }
    }

    /** Sends a corrected copy in place of the held message; returns the copy's queue id. */
    String releaseCorrected(HeldMessage hold, byte[] content, List<MailAddress> recipients) {
        verify(hold);
        try {
            return queue.releaseCorrected(hold.queueId(), content, recipients);
        } catch (IOException e) {
            throw new MessageGone("cannot release a corrected copy of " + hold.queueId(), e);
        }
    }

    /** Removes the message for good. */
    void discard(HeldMessage hold) {
        verify(hold);
        try {
            queue.discard(hold.queueId());
        } catch (IOException e) {
            throw new MessageGone("cannot discard " + hold.queueId(), e);
        }
    }

    private void verify(HeldMessage hold) {
        SpooledMessage stored;
        try {
            stored = spool.read(QueueState.HOLD, hold.queueId());
        } catch (IOException e) {
            throw new MessageGone(hold.queueId() + " is not in hold/", e);
        }
        if (!stored.sha256().equals(hold.messageSha256())) {
            throw new MessageGone(hold.queueId() + " in hold/ does not have the SHA-256 it was held with", null);
        }
    }
}
