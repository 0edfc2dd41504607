package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.Decided;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.notify.Notifier;
import com.misdeliveryguard.core.audit.HoldExpired;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the guard decides by itself when time runs out: an unattended hold expires (discard and
 * tell the sender, or deliver as configured), a delayed message goes out when its grace period
 * ends, and a hold whose message left {@code hold/} is closed. Each is the same conditional state
 * change as a person's decision, so it cannot collide with one.
 */
final class Expiry {

    private static final Logger log = LoggerFactory.getLogger(Expiry.class);
    private final HoldStore store;
    private final SpoolActions spool;
    private final TransactionTemplate transactions;
    private final Notifier notifier;
    private final DecisionTrail trail;
    private final SenderDepartments departments;
    private final boolean deliverOnExpiry;
    private final Clock clock;

    Expiry(HoldStore store, SpoolActions spool, TransactionTemplate transactions, Notifier notifier,
            DecisionTrail trail, SenderDepartments departments, boolean deliverOnExpiry, Clock clock) {
        this.store = store;
        this.spool = spool;
        this.transactions = transactions;
        this.notifier = notifier;
        this.trail = trail;
        this.departments = departments;
        this.deliverOnExpiry = deliverOnExpiry;
        this.clock = clock;
    }

    /** Expires an unattended hold; false when somebody decided first (or the message is gone). */
    boolean expire(HeldMessage hold) {
        Instant now = clock.instant();
        Duration held = Duration.between(hold.times().createdAt(), now);
        String outcome = deliverOnExpiry ? "expired-delivered" : "expired-discarded";
        List<MailAddress> recipients = hold.state() == HoldState.AWAITING_APPROVAL ? hold.confirmedRecipients()
                : hold.envelopeRecipients();
        // the notice to the sender is written in the same transaction as the expiry (ADR 0005): when it
        // cannot be written, the expiry waits for the next tick instead of leaving the sender untold
        boolean done = change(hold, Set.of(HoldState.HELD, HoldState.AWAITING_APPROVAL), HoldState.EXPIRED, outcome,
                held, () -> {
                    notifier.tellExpired(hold.withState(HoldState.EXPIRED, outcome), deliverOnExpiry);
                    if (deliverOnExpiry) {
                        spool.release(hold, recipients, "not confirmed before the hold expired");
                    } else {
                        spool.discard(hold);
                    }
                });
        if (done) {
            trail.record(new HoldExpired(hold.queueId(), hold.sender(), deliverOnExpiry ? "deliver" : "discard", held,
                    departments.of(hold.sender())));
        }
        return done;
    }

    /** Delivers a delayed message whose grace period is over; false when it was cancelled first. */
    boolean deliverDelayed(HeldMessage hold) {
        Duration held = Duration.between(hold.times().createdAt(), clock.instant());
        boolean done = change(hold, Set.of(HoldState.DELAYED), HoldState.RELEASED, "delivered-after-delay", held,
                () -> spool.release(hold, hold.envelopeRecipients(), "not released"));
        if (done) {
            trail.record(new HoldExpired(hold.queueId(), hold.sender(), "deliver-after-delay", held,
                    departments.of(hold.sender())));
        }
        return done;
    }

    /** Closes a hold whose message is no longer in {@code hold/}; false when it was closed before. */
    boolean leftQueue(HeldMessage hold) {
        if (store.transition(hold.queueId(), EnumSet.copyOf(HoldState.WAITING), HoldState.LEFT_QUEUE, "left-queue",
                Decided.byGuard(0), clock.instant())) {
            log.warn("Held message {} ({}) is no longer in hold/; its confirmation is closed", hold.queueId(),
                    hold.verdictAction());
            return true;
        }
        return false;
    }

    private boolean change(HeldMessage hold, Set<HoldState> from, HoldState to, String outcome, Duration held,
            Runnable spoolWork) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (!store.transition(hold.queueId(), from, to, outcome, Decided.byGuard(held.toSeconds()),
                        clock.instant())) {
                    return false;
                }
                spoolWork.run();
                return true;
            }));
        } catch (SpoolActions.MessageGone e) {
            log.warn("Cannot {} {}: {}", outcome, hold.queueId(), e.getMessage());
            if (!spool.isHeld(hold.queueId())) {
                leftQueue(hold);
            }
            return false;
        } catch (org.springframework.dao.DataAccessException e) {
            log.info("{} of {} lost a race with a decision: {}", outcome, hold.queueId(), e.getMessage());
            return false;
        } catch (java.io.UncheckedIOException e) {
            log.error("Cannot {} {}: its notice cannot be written; trying again at the next tick", outcome,
                    hold.queueId(), e);
            return false;
        }
    }
}
