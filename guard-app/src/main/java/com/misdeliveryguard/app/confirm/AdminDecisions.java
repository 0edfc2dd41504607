package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.Decided;
import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An administrator's actions on a held message (RELIABILITY promise 2, SPEC §8): release to all or
 * chosen envelope recipients, or discard — each with a reason, each logged as an
 * {@code admin-action} entry (who, from where, why, which recipients).
 *
 * <p>Like a sender's decision, one transaction moves the hold out of its waiting state (a conditional
 * UPDATE) and releases or discards the spooled message after checking it still has the SHA-256 it
 * was held with; of an administrator and a sender deciding at once, exactly one wins and the other
 * gets {@link DecisionResult.Stale}. The sender's link stops working, since the hold is no longer
 * waiting.
 */
public final class AdminDecisions {

    static final String DROPPED_REASON = "not released by the administrator";

    private final HoldQueries queries;
    private final HoldStore store;
    private final SpoolActions spool;
    private final HoldTransactions transactions;
    private final DecisionTrail trail;
    private final Clock clock;

    AdminDecisions(HoldQueries queries, HoldStore store, SpoolActions spool, TransactionTemplate transactions,
            DecisionTrail trail, Clock clock) {
        this.queries = queries;
        this.store = store;
        this.spool = spool;
        this.transactions = new HoldTransactions(transactions, store, spool, clock);
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Releases the held message to {@code recipients} (a non-empty subset of its envelope recipients);
     * the others are dropped and journaled as such.
     */
    public DecisionResult release(String queueId, List<MailAddress> recipients, Actor admin, String reason) {
        Optional<HeldMessage> found = queries.find(queueId);
        if (found.isEmpty() || !found.get().state().isWaiting()) {
            return new DecisionResult.Stale();
        }
        HeldMessage hold = found.get();
        String refusal = refusal(hold, recipients, reason);
        if (refusal != null) {
            return new DecisionResult.Refused(refusal);
        }
        List<MailAddress> confirmed = hold.envelopeRecipients().stream().filter(recipients::contains).toList();
        List<MailAddress> dropped = hold.envelopeRecipients().stream().filter(r -> !confirmed.contains(r)).toList();
        Instant now = clock.instant();
        boolean done = transactions.run(hold, () -> {
            if (!store.transition(queueId, HoldState.WAITING, HoldState.RELEASED, "released-by-admin",
                    decided(admin), now)) {
                return false;
            }
            store.recordDecisions(queueId, confirmed, dropped);
            spool.release(hold, confirmed, DROPPED_REASON);
            return true;
        });
        if (!done) {
            return new DecisionResult.Stale();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("reason", reason.strip());
        parameters.put("released", String.join(", ", confirmed.stream().map(MailAddress::toString).toList()));
        if (!dropped.isEmpty()) {
            parameters.put("dropped", String.join(", ", dropped.stream().map(MailAddress::toString).toList()));
        }
        trail.record(new AdminAction(admin, "release", Optional.of(queueId), parameters));
        return new DecisionResult.Done(hold.withState(HoldState.RELEASED, "released-by-admin"));
    }

    /** Discards the held message for good; nothing is delivered. */
    public DecisionResult discard(String queueId, Actor admin, String reason) {
        Optional<HeldMessage> found = queries.find(queueId);
        if (found.isEmpty() || !found.get().state().isWaiting()) {
            return new DecisionResult.Stale();
        }
        if (reason == null || reason.isBlank()) {
            return new DecisionResult.Refused("holds.reasonRequired");
        }
        HeldMessage hold = found.get();
        boolean done = transactions.run(hold, () -> {
            if (!store.transition(queueId, HoldState.WAITING, HoldState.CANCELLED, "discarded-by-admin",
                    decided(admin), clock.instant())) {
                return false;
            }
            spool.discard(hold);
            return true;
        });
        if (!done) {
            return new DecisionResult.Stale();
        }
        trail.record(new AdminAction(admin, "discard", Optional.of(queueId), Map.of("reason", reason.strip())));
        return new DecisionResult.Done(hold.withState(HoldState.CANCELLED, "discarded-by-admin"));
    }

    private static String refusal(HeldMessage hold, List<MailAddress> recipients, String reason) {
        if (reason == null || reason.isBlank()) {
            return "holds.reasonRequired";
        }
        if (recipients.isEmpty() || !hold.envelopeRecipients().containsAll(recipients)) {
            return "holds.chooseRecipient";
        }
        return null;
    }

    private static Decided decided(Actor admin) {
        return new Decided(admin.name(), Optional.of(admin.ip()), admin.userAgent(), 0, false);
    }
}
