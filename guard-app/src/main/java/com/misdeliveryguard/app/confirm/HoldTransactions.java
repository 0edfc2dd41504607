package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.Decided;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import java.time.Clock;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out a decision about a held message, the sender's or an administrator's, in one transaction. It
 * does not happen when the work says so (rolled back), when it loses a race with another decision (the hold
 * changed meanwhile), or when the message is no longer in the spool; then the hold is marked as having left
 * the queue.
 */
final class HoldTransactions {

    private static final Logger log = LoggerFactory.getLogger(HoldTransactions.class);
    private final TransactionTemplate transactions;
    private final HoldStore store;
    private final SpoolActions spool;
    private final Clock clock;

    HoldTransactions(TransactionTemplate transactions, HoldStore store, SpoolActions spool, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.spool = spool;
        this.clock = clock;
    }

    /** Runs {@code work} in one transaction; false (rolled back) when it says so, lost a race or the message is gone. */
    boolean run(HeldMessage hold, BooleanSupplier work) {
        try {
            Boolean done = transactions.execute(status -> {
                if (!work.getAsBoolean()) {
                    status.setRollbackOnly();
                    return false;
                }
                return true;
            });
            return Boolean.TRUE.equals(done);
        } catch (SpoolActions.MessageGone e) {
            log.warn("Decision about {} not carried out: {}", hold.queueId(), e.getMessage());
            markLeftQueue(hold);
            return false;
        } catch (DataAccessException e) {
            log.info("Decision about {} lost a race with another one: {}", hold.queueId(), e.getMessage());
            return false;
        }
    }

    /** The message is no longer in the spool: its hold, if still waiting, has left the queue. */
    void markLeftQueue(HeldMessage hold) {
        if (!spool.isHeld(hold.queueId())) {
            store.transition(hold.queueId(), EnumSet.copyOf(HoldState.WAITING), HoldState.LEFT_QUEUE, "left-queue",
                    Decided.byGuard(0), clock.instant());
        }
    }
}
