package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.notify.Notifier;
import com.misdeliveryguard.core.guard.Action;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hold lifecycle, driven by the injected {@link Clock}: each {@link #tick()} sends first
 * notifications, delivers delayed messages whose grace period is over, sends the one reminder
 * (at {@code guard.confirm.reminder}, default half the expiry), and expires unattended holds.
 * Every step claims its hold with a conditional UPDATE, so instances sharing one database do each
 * thing once; before that, the hold's work is leased to this instance for {@link #LEASE}
 * ({@link HoldStore#lease}), so that the other instances skip it rather than wait for it or do it
 * in parallel, and take it over when this instance dies with the lease (ADR 0012).
 * Ticks run on one daemon thread every {@code guard.confirm.tick-interval}; a new hold
 * asks for an early look ({@link #kick()}). Notices and reminders are subject to the sender's hourly
 * cap ({@link NoticeBudget}). Tests move a fake clock and call {@link #tick()}.
 *
 * <p>A notice or reminder is claimed and written in one transaction (ADR 0005): the mail is
 * committed to the spool before the claim commits, and a claim whose mail could not be written
 * rolls back. So every open hold whose notice never left is still "awaiting notification", and the
 * first tick after a start (right away) or any later one sends it.
 */
public final class HoldScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HoldScheduler.class);
    private static final int BATCH = 100;
    /** A hold whose message has not reached {@code hold/} after this long left the queue another way. */
    private static final Duration ARRIVAL_GRACE = Duration.ofMinutes(2);
    /** How long one instance keeps a hold's scheduled work to itself; longer than any one step takes. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final HoldQueries queries;
    private final HoldStore store;
    private final Notifier notifier;
    private final Expiry expiry;
    private final SpoolActions spool;
    private final Approvers approvers;
    private final NoticeBudget budget;
    private final Duration reminder;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "confirm-scheduler");
        t.setDaemon(true);
        return t;
    });

    private final TransactionTemplate transactions;
    private final HoldReconciliation reconciliation;
    private Instant reconciled;
    private final AtomicBoolean started = new AtomicBoolean();
    private final String owner;

    HoldScheduler(HoldQueries queries, HoldStore store, Notifier notifier, Expiry expiry, SpoolActions spool,
            Approvers approvers, NoticeBudget budget, Duration reminder, TransactionTemplate transactions,
            HoldReconciliation reconciliation, Clock clock) {
        this.owner = spool.spoolName();
        this.transactions = transactions;
        this.reconciliation = reconciliation;
        this.queries = queries;
        this.store = store;
        this.notifier = notifier;
        this.expiry = expiry;
        this.spool = spool;
        this.approvers = approvers;
        this.budget = budget;
        this.reminder = reminder;
        this.clock = clock;
    }

    /** Starts ticking every {@code interval}, the first tick right away (the application is ready: the relay recovered). */
    void start(Duration interval) {
        if (started.compareAndSet(false, true)) {
            timer.scheduleWithFixedDelay(this::safeTick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A hold was recorded: notify soon (its message reaches {@code hold/} a moment after the record). */
    void kick() {
        for (long delay : new long[] {100, 1_000, 5_000}) {
            timer.schedule(this::safeNotify, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** One pass over everything that is due; the first one (and one every 10 minutes) reconciles hold/ first. */
    public synchronized void tick() {
        if (reconciled == null || !clock.instant().isBefore(reconciled.plus(HoldReconciliation.EVERY))) {
            reconciled = clock.instant();
            try {
                reconciliation.run();
            } catch (RuntimeException e) {
                log.error("Reconciling hold/ with the hold records failed; trying again in {}", HoldReconciliation.EVERY,
                        e);
            }
        }
        notifyPending();
        Instant now = clock.instant();
        queries.delayedDue(now, BATCH).forEach(id -> leased(id, expiry::deliverDelayed));
        for (String id : queries.dueForReminder(now.minus(reminder), now, BATCH)) {
            leased(id, this::remind);
        }
        queries.expired(now, BATCH).forEach(id -> leased(id, expiry::expire));
    }

    private synchronized void notifyPending() {
        for (String id : queries.awaitingNotification(clock.instant(), BATCH)) {
            leased(id, this::notifyHeld);
        }
    }

    /** Does {@code work} on the hold when this instance gets its lease (another instance may be at it). */
    private void leased(String id, Consumer<HeldMessage> work) {
        Instant now = clock.instant();
        if (!store.lease(id, owner, now, now.plus(LEASE))) {
            return;
        }
        try {
            find(id).ifPresent(work);
        } finally {
            store.endLease(id, owner);
        }
    }

    private void notifyHeld(HeldMessage hold) {
        String id = hold.queueId();
        if (!spool.isHeld(id)) {
            if (spool.isIncoming(id)) {
                return; // recorded just before a crash: start-up moves it on
            }
            if (Duration.between(hold.times().createdAt(), clock.instant()).compareTo(ARRIVAL_GRACE) > 0) {
                if (hold.verdictAction() == Action.DELAY) {
                    log.warn("DELAY verdict for {}: the relay delivered it at once instead of keeping it held "
                            + "for the grace period", id);
                }
                expiry.leftQueue(hold);
            }
            return;
        }
        Instant at = clock.instant();
        claimAndSend(hold, "notification", () -> store.claimNotification(id, at),
                () -> notifier.notifyHeld(hold, approvers.of(hold)));
    }

    private void remind(HeldMessage hold) {
        claimAndSend(hold, "reminder", () -> store.claimReminder(hold.queueId(), clock.instant()),
                () -> notifier.remind(hold, approvers.of(hold)));
    }

    /**
     * Asks the sender's hourly cap, claims and writes a mail in one transaction: no claim without a
     * durable mail, no mail without its claim, and no other instance counting the sender's mails meanwhile.
     */
    private void claimAndSend(HeldMessage hold, String what, BooleanSupplier claim, Runnable send) {
        try {
            transactions.executeWithoutResult(status -> {
                if (budget.allows(hold, what) && claim.getAsBoolean()) {
                    send.run();
                }
            });
        } catch (RuntimeException e) {
            log.error("Cannot send the {} about held message {}; retrying at the next tick", what, hold.queueId(), e);
        }
    }

    private Optional<HeldMessage> find(String id) {
        return queries.find(id);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.error("Confirmation scheduler tick failed; trying again at the next one", e);
        }
    }

    private void safeNotify() {
        try {
            notifyPending();
        } catch (RuntimeException e) {
            log.error("Sending notifications about held messages failed; trying again at the next tick", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
