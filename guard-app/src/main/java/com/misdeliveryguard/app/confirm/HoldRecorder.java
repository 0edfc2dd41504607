package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.cluster.coherence.TransactionLocks;
import com.misdeliveryguard.app.confirm.hold.HeldContent;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.queue.IntakeRecords;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;

/**
 * Records every {@code HOLD} and {@code DELAY} of a submitted message as a hold, with the message's
 * bytes ({@link HeldContent}, ADR 0012), then asks the scheduler to notify soon. One of the
 * {@link IntakeRecords}: runs on the SMTP session's thread, inside the intake's transaction, before
 * the 250 (ADR 0005); the intake then removes its local copy ({@link #keepsHeld}). A failure is
 * thrown: the transaction rolls back and the client gets 451 (or, for a message re-checked at
 * start-up, it stays in {@code incoming/} and is tried again).
 *
 * <p>A sender with more open holds than {@code guard.confirm.max-open-holds-per-sender}
 * (RELIABILITY promise 8) is flagged with a warning for each further hold; the hold is recorded
 * all the same (never refused, never lost). The count is taken under the sender's lock
 * ({@link TransactionLocks}, shared by every instance on the database) and includes this hold, so
 * holds recorded at the same moment on several instances are counted one after the other: each hold
 * past the cap is flagged exactly once.
 */
final class HoldRecorder implements IntakeRecords, Ordered {

    private static final Logger log = LoggerFactory.getLogger(HoldRecorder.class);
    private final HoldFactory factory;
    private final HoldStore store;
    private final HoldQueries queries;
    private final TransactionLocks locks;
    private final int maxOpenHolds;
    private final ObjectProvider<HoldScheduler> scheduler;
    private final Clock clock;
    private final Spool spool;
    private final HeldContent content;

    HoldRecorder(HoldFactory factory, HoldStore store, HoldQueries queries, TransactionLocks locks, int maxOpenHolds,
            ObjectProvider<HoldScheduler> scheduler, Clock clock, Spool spool, HeldContent content) {
        this.factory = factory;
        this.store = store;
        this.queries = queries;
        this.locks = locks;
        this.maxOpenHolds = maxOpenHolds;
        this.scheduler = scheduler;
        this.clock = clock;
        this.spool = spool;
        this.content = content;
    }

    /** Before the decision log's entries, which lock the chain's head: that lock is held the shortest. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        if (message.origin() != SpooledMessage.Origin.SMTP
                || (verdict.action() != Action.HOLD && verdict.action() != Action.DELAY)) {
            return;
        }
        HeldMessage hold = factory.of(message, facts, verdict, clock.instant());
        boolean recorded = store.insert(hold);
        if (!recorded) {
            log.info("Held message {} was recorded before (re-checked after a restart); keeping that record",
                    message.id());
        }
        if (recorded || queries.find(message.id()).filter(h -> h.state().isWaiting()).isPresent()) {
            try (InputStream bytes = spool.openContent(QueueState.INCOMING, message.id())) {
                content.store(message, bytes, spool.headerRemovals(QueueState.INCOMING, message.id()), clock.instant());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bytes of held message " + message.id(), e);
            }
        }
        if (recorded) {
            flagIfOverCap(hold);
            scheduler.ifAvailable(HoldScheduler::kick);
        }
    }

    /** The bytes of a held message are kept with its record, in the shared database. */
    @Override
    public boolean keepsHeld(SpooledMessage message) {
        return content.has(message.id());
    }

    private void flagIfOverCap(HeldMessage hold) {
        locks.lock("open-holds:" + hold.sender().toSmtpPath());
        int open = queries.openHoldsOf(hold.sender());
        if (open > maxOpenHolds) {
            log.warn("Sender {} has {} open held messages, more than the cap of {} "
                    + "(guard.confirm.max-open-holds-per-sender); held message {} is kept all the same",
                    hold.sender(), open, maxOpenHolds, hold.queueId());
        }
    }
}
