package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.cluster.coherence.TransactionLocks;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cap on notification mails per envelope sender and hour
 * ({@code guard.confirm.max-notifications-per-hour}, RELIABILITY promise 8). The scheduler asks
 * {@link #allows} before it claims a first notice or a reminder. When the sender has had the cap in
 * the hour before now (by the injected {@link Clock}), the answer is no: the hold's notices are put
 * off until the oldest counted one leaves the window, and the skip is logged as a warning once per
 * put-off. The hold stays recorded and waiting (the sender sees it on {@code /my/held}); nothing
 * is lost, only the mail waits. Counts come from the hold records, so instances sharing one
 * database share the cap; {@link #allows} is called inside the transaction that claims the mail and
 * first takes the sender's lock ({@link TransactionLocks}, shared by every instance), so the count
 * and the claim are one step: two instances never both send the last mail of the hour.
 */
final class NoticeBudget {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(NoticeBudget.class);
    private final HoldQueries queries;
    private final HoldStore store;
    private final TransactionLocks locks;
    private final int perHour;
    private final Clock clock;

    NoticeBudget(HoldQueries queries, HoldStore store, TransactionLocks locks, int perHour, Clock clock) {
        this.queries = queries;
        this.store = store;
        this.locks = locks;
        this.perHour = perHour;
        this.clock = clock;
    }

    /**
     * Whether a notification mail ({@code what}: the first notice or the reminder) about this hold may
     * go now. Inside the claiming transaction: the sender's lock is held until it ends.
     */
    boolean allows(HeldMessage hold, String what) {
        locks.lock("notices:" + hold.sender().toSmtpPath());
        Instant now = clock.instant();
        List<Instant> sent = queries.noticesSince(hold.sender(), now.minus(WINDOW));
        if (sent.size() < perHour) {
            return true;
        }
        Instant until = sent.get(sent.size() - perHour).plus(WINDOW);
        if (store.putOffNotices(hold.queueId(), until)) {
            log.warn("Sender {} has had {} notification mails in the last hour (cap {}); the {} about held message {}"
                    + " waits until {} (the hold itself is kept and listed on the sender's page)", hold.sender(),
                    sent.size(), perHour, what, hold.queueId(), until);
        }
        return false;
    }
}
