package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldContent;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a decision does to the held message, whose bytes are in the shared database (ADR 0012), on
 * whichever instance the decision is taken. Before anything, the bytes must still be there with the
 * SHA-256 the hold was recorded with: a decision is bound to the bytes the sender was shown. Called
 * inside the decision's transaction, after its conditional state change, so a failure here rolls the
 * state change back.
 *
 * <p>A release copies the bytes into this instance's spool ({@code hold/<id>}, fsynced) and records
 * this spool as the one it was released into, in the decision's transaction; only when that commits
 * are the bytes deleted from the database and does the copy move to {@code outgoing/} (with the
 * dropped recipients journaled) and get delivered. A rollback removes the copy. A crash in between
 * leaves the copy in {@code hold/}, which {@link HoldReconciliation} releases (the hold says it was
 * released into this spool) or removes (it was not), and the bytes of a decided hold, which it
 * deletes. A cancellation or a discarding expiry deletes the bytes once its transaction commits.
 */
final class SpoolActions {

    private static final Logger log = LoggerFactory.getLogger(SpoolActions.class);

    /** The message's bytes are not in the database any more, or they changed. */
    static final class MessageGone extends RuntimeException {
        MessageGone(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    private final Spool spool;
    private final DeliveryQueue queue;
    private final HeldContent content;
    private final HoldStore store;
    private final String spoolName;
    /** Holds being copied into hold/ by a transaction not ended yet: reconciliation leaves them alone. */
    private final Set<String> copying = ConcurrentHashMap.newKeySet();

    SpoolActions(Spool spool, DeliveryQueue queue, HeldContent content, HoldStore store, String spoolName) {
        this.spool = spool;
        this.queue = queue;
        this.content = content;
        this.store = store;
        this.spoolName = spoolName;
    }

    /** The name of this instance's spool, recorded with each release it carries out. */
    String spoolName() {
        return spoolName;
    }

    /** True when the message's bytes are in the database (held, on whichever instance received it). */
    boolean isHeld(String queueId) {
        return content.has(queueId);
    }

    /** True when the message is in {@code incoming/}: committed, its move on cut short by a crash (start-up finishes it). */
    boolean isIncoming(String queueId) {
        return spool.list(QueueState.INCOMING).contains(queueId);
    }

    /** True while a transaction of this instance copies the message into {@code hold/} to release it. */
    boolean isBeingReleased(String queueId) {
        return copying.contains(queueId);
    }

    /**
     * Delivers to {@code recipients} only, once the caller's transaction commits; the other envelope
     * recipients are journaled as dropped.
     */
    void release(HeldMessage hold, List<MailAddress> recipients, String reason) {
        SpooledMessage held = verify(hold);
        String id = hold.queueId();
        afterTransaction(id, () -> {
            content.purge(id);
            queue.release(id, recipients, reason);
        }, () -> {
            if (spool.list(QueueState.HOLD).contains(id)) {
                queue.discard(id);
            }
        });
        copying.add(id);
        try (InputStream in = content.open(id)) {
            // with the policy's conversion to Bcc, written into the copy before it is in place
            spool.restore(held, in, QueueState.HOLD, content.headerRemovals(id));
        } catch (IOException | UncheckedIOException e) {
            throw new MessageGone("cannot copy " + id + " into this instance's spool", e);
        }
        store.releasedInto(id, spoolName);
    }

    /**
     * Finishes a release that was committed but cut short before its copy in {@code hold/} moved on
     * (start-up reconciliation; no transaction).
     */
    void finishRelease(HeldMessage hold, List<MailAddress> recipients, String reason) {
        try {
            SpooledMessage copy = spool.read(QueueState.HOLD, hold.queueId());
            if (!copy.sha256().equals(hold.messageSha256())) {
                throw new MessageGone(hold.queueId() + " in hold/ does not have the SHA-256 it was held with", null);
            }
            queue.release(hold.queueId(), recipients, reason);
        } catch (IOException e) {
            throw new MessageGone("cannot release " + hold.queueId() + " from hold/", e);
        }
    }

    /** The stored bytes of the held message, after checking they are still the ones it was held with. */
    byte[] content(HeldMessage hold) {
        verify(hold);
        try (InputStream in = content.open(hold.queueId())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MessageGone("cannot read " + hold.queueId(), e);
        }
    }

    /** True when the policy converts the held message to Bcc: its external To/Cc addresses leave the header. */
    boolean convertsToBcc(HeldMessage hold) {
        verify(hold);
        return !content.headerRemovals(hold.queueId()).isEmpty();
    }

    /**
     * Sends a corrected copy in place of the held message once the caller's transaction commits;
     * returns the copy's queue id. The copy is committed to {@code incoming/} now (removed on a
     * rollback); the original's bytes leave the database with the commit.
     */
    String releaseCorrected(HeldMessage hold, byte[] corrected, List<MailAddress> recipients) {
        SpooledMessage held = verify(hold);
        String copy;
        try {
            copy = queue.stageCorrected(held, corrected, recipients);
        } catch (IOException e) {
            throw new MessageGone("cannot write a corrected copy of " + hold.queueId(), e);
        }
        afterTransaction(copy, () -> {
            content.purge(hold.queueId());
            queue.releaseGenerated(copy);
        }, () -> queue.discardGenerated(copy));
        store.releasedInto(hold.queueId(), spoolName);
        return copy;
    }

    /** Removes the message for good once the caller's transaction commits. */
    void discard(HeldMessage hold) {
        verify(hold);
        afterTransaction(hold.queueId(), () -> content.purge(hold.queueId()), () -> { });
    }

    private SpooledMessage verify(HeldMessage hold) {
        SpooledMessage stored = content.find(hold.queueId()).orElseThrow(() -> new MessageGone(hold.queueId()
                + " is not held in the database (released, cancelled or expired already)", null));
        if (!stored.sha256().equals(hold.messageSha256())) {
            throw new MessageGone(hold.queueId() + " in the database does not have the SHA-256 it was held with", null);
        }
        return stored;
    }

    private interface SpoolStep {
        void run() throws IOException;
    }

    /** Runs {@code committed} after the current transaction commits, {@code rolledBack} after anything else. */
    private void afterTransaction(String id, SpoolStep committed, SpoolStep rolledBack) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                try {
                    if (status == STATUS_COMMITTED) {
                        committed.run();
                    } else {
                        rolledBack.run();
                    }
                } catch (IOException | RuntimeException e) {
                    log.error("Cannot move {} on after its decision {}; start-up reconciliation finishes it", id,
                            status == STATUS_COMMITTED ? "committed" : "rolled back", e);
                } finally {
                    copying.remove(id);
                }
            }
        });
    }
}
