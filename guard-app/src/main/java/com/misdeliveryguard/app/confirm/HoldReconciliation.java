package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HeldContent;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.core.audit.MessageRepaired;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.queue.GuardIntake;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.RepairLog;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the local {@code hold/} and the hold records back in step (ADR 0005, ADR 0012). A held
 * message's bytes are kept in the shared database with its record; {@code hold/} only ever holds a
 * copy made to release it (or, from before issue 13, a held message itself). Runs at start-up and
 * then with the scheduler's ticks, at most every {@link #EVERY}:
 *
 * <ul>
 *   <li>a message in {@code hold/} without a hold record (its record was lost, e.g. by a database
 *       that dropped its last commits in a crash) is checked again: it gets a record and a notice,
 *       or is delivered or refused as the new verdict says ({@code hold-without-record});</li>
 *   <li>a message in {@code hold/} whose hold still waits: a held message from before the bytes
 *       moved to the database; its bytes are stored there, once, and the local copy removed
 *       ({@code hold-moved-to-database}); or, when the database has the bytes already, the copy of a
 *       release that rolled back, removed ({@code stale-hold-copy});</li>
 *   <li>a message in {@code hold/} whose hold was released into this spool (the decision committed,
 *       moving the copy on was cut short) is released as decided; one decided otherwise, or released by
 *       another instance, is removed ({@code decided-hold-still-held});</li>
 *   <li>a waiting hold whose bytes are nowhere (neither in the database nor in {@code incoming/}) is
 *       closed as left-queue ({@code record-without-message}).</li>
 * </ul>
 * Each repair is logged by name, counted ({@code guard.spool.repairs}) and, where it concerns a
 * message, written to the decision log as a {@code repaired} entry.
 */
final class HoldReconciliation {

    static final Duration EVERY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(HoldReconciliation.class);
    /** Records are committed just before their message moves on: give a moving message time. */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private final Spool spool;
    private final GuardIntake intake;
    private final HoldQueries queries;
    private final SpoolActions actions;
    private final Expiry expiry;
    private final DecisionTrail trail;
    private final RepairLog repairs;
    private final HeldContent content;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HoldReconciliation(Spool spool, GuardIntake intake, HoldQueries queries, SpoolActions actions, Expiry expiry,
            DecisionTrail trail, RepairLog repairs, HeldContent content, TransactionTemplate transactions,
            Clock clock) {
        this.spool = spool;
        this.intake = intake;
        this.queries = queries;
        this.actions = actions;
        this.expiry = expiry;
        this.trail = trail;
        this.repairs = repairs;
        this.content = content;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One pass over {@code hold/} and the waiting holds; returns how many repairs it made. */
    int run() {
        int repaired = 0;
        List<String> held = spool.list(QueueState.HOLD).stream().filter(id -> !actions.isBeingReleased(id)).toList();
        Map<String, HoldState> states = queries.statesOf(held);
        for (String id : held) {
            HoldState state = states.get(id);
            if (state == null) {
                repaired += recheck(id);
            } else if (state.isWaiting()) {
                repaired += moveToDatabase(id);
            } else {
                repaired += finishDecided(id);
            }
        }
        for (String id : queries.waitingSince(clock.instant().minus(GRACE))) {
            if (!actions.isHeld(id) && !actions.isIncoming(id)) {
                Optional<HeldMessage> hold = queries.find(id);
                if (hold.isPresent() && expiry.leftQueue(hold.get())) {
                    repaired++;
                    report(id, hold.get().sender(), "record-without-message", "the hold of " + id
                            + " waited for a decision but its message is neither in the database nor in any spool "
                            + "state; the hold is closed (left-queue) and nothing is delivered");
                }
            }
        }
        for (String id : content.decidedWithBytes(100)) {
            if (content.purge(id)) {
                repaired++;
                repairs.repaired("decided-hold-bytes", id, "deleted the bytes of " + id + " from the database: its "
                        + "hold was decided, and the deletion after the decision was cut short");
            }
        }
        if (repaired > 0) {
            log.warn("Reconciliation of hold/ and the hold records made {} repair(s)", repaired);
        }
        return repaired;
    }

    /** A waiting hold's message in hold/: from before the bytes moved to the database, or a stale release copy. */
    private int moveToDatabase(String id) {
        SpooledMessage message;
        boolean stored;
        try {
            message = spool.read(QueueState.HOLD, id);
            stored = Boolean.TRUE.equals(transactions.execute(status -> {
                try (InputStream bytes = spool.openContent(QueueState.HOLD, id)) {
                    return content.store(message, bytes, spool.headerRemovals(QueueState.HOLD, id), clock.instant());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            spool.delete(QueueState.HOLD, id);
        } catch (IOException | RuntimeException e) {
            log.error("Cannot move the bytes of held message {} from hold/ to the database; trying again later", id,
                    e);
            return 0;
        }
        if (stored) {
            report(id, message.envelope().sender(), "hold-moved-to-database", id + " was held in this instance's "
                    + "hold/ (from before held messages were kept in the database); its bytes are now in the database, "
                    + "where any instance can release it, and the local copy is removed");
        } else {
            repairs.repaired("stale-hold-copy", id, "removed a copy of " + id + " in hold/ left by a release that did "
                    + "not commit; the held message is in the database");
        }
        return 1;
    }

    private int recheck(String id) {
        SpooledMessage message;
        try {
            message = spool.read(QueueState.HOLD, id);
            spool.move(id, QueueState.HOLD, QueueState.INCOMING);
        } catch (IOException e) {
            log.error("Cannot check {} again (held without a record); trying again later", id, e);
            return 0;
        }
        report(id, message.envelope().sender(), "hold-without-record", id + " was in hold/ without a hold record "
                + "(no confirmation link, no expiry); it is checked again and held, delivered or refused as the "
                + "verdict says");
        intake.recover(List.of(id));
        return 1;
    }

    private int finishDecided(String id) {
        Optional<HeldMessage> hold = queries.find(id);
        if (hold.isEmpty()) {
            return 0;
        }
        HeldMessage h = hold.get();
        boolean releasedHere = queries.releasedInto(id).map(actions.spoolName()::equals).orElse(true);
        boolean deliver = releasedHere && (h.state() == HoldState.RELEASED
                || (h.state() == HoldState.EXPIRED && h.outcome().filter("expired-delivered"::equals).isPresent()));
        try {
            if (deliver) {
                List<MailAddress> to = h.confirmedRecipients().isEmpty()
                        ? h.envelopeRecipients() : h.confirmedRecipients();
                actions.finishRelease(h, to, "not confirmed");
            } else {
                spool.delete(QueueState.HOLD, id);
            }
        } catch (SpoolActions.MessageGone | IOException e) {
            log.error("Cannot finish the decided hold {}: {}", id, e.getMessage());
            return 0;
        }
        report(id, h.sender(), "decided-hold-still-held", id + " was still in hold/ although its hold was "
                + h.state() + "; it is " + (deliver ? "released as decided" : releasedHere ? "removed as decided"
                        : "removed (another instance released it)"));
        return 1;
    }

    private void report(String id, ReversePath sender, String kind, String what) {
        repairs.repaired(kind, id, what);
        trail.record(new MessageRepaired(id, sender, kind, what));
    }
}
