package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.Decided;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.hold.RecipientChange;
import com.misdeliveryguard.app.confirm.hold.TokenGrant;
import com.misdeliveryguard.app.confirm.notify.Notifier;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.HoldDecided;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out what a person chose on the confirmation page (RELIABILITY promise 9).
 *
 * <p>One transaction per decision: mark the token used, move the hold out of its waiting state
 * (both conditional UPDATEs), then release or discard the spooled message after checking it still
 * has the SHA-256 it was held with. If any step finds the work already done — the token used, the
 * hold decided or expired, the message gone — the transaction rolls back and the result is
 * {@link DecisionResult.Stale}: of two concurrent POSTs exactly one releases. After the commit:
 * learned recipients, the decision-log entry (who, IP, user agent, seconds since the notification,
 * possibly automated), and with approval "after" the approvers' links.
 *
 * <p>Server-side rules of a Send: every flagged recipient is either ticked or excluded (not both),
 * at least one recipient is ticked, and only recipients of this stage can be ticked.
 */
public final class Decisions {

    static final String DROPPED_REASON = "not confirmed on the confirmation page";

    private final HoldStore store;
    private final ConfirmationTokens tokens;
    private final SpoolActions spool;
    private final HoldTransactions transactions;
    private final Notifier notifier;
    private final DecisionTrail trail;
    private final SenderDepartments departments;
    private final Learning learning;
    private final Corrections corrections;
    private final Approvers approvers;
    private final Duration automatedWithin;
    private final Clock clock;

    Decisions(HoldStore store, ConfirmationTokens tokens, SpoolActions spool, TransactionTemplate transactions,
            Notifier notifier, DecisionTrail trail, SenderDepartments departments, Learning learning,
            Corrections corrections, Approvers approvers,
            Duration automatedWithin, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.spool = spool;
        this.transactions = new HoldTransactions(transactions, store, spool, clock);
        this.notifier = notifier;
        this.trail = trail;
        this.departments = departments;
        this.learning = learning;
        this.corrections = corrections;
        this.approvers = approvers;
        this.automatedWithin = automatedWithin;
        this.clock = clock;
    }

    /** True when the holder of {@code grant} may decide about {@code hold} now. */
    public static boolean canDecide(TokenGrant grant, HeldMessage hold, Instant now) {
        if (grant.usedAt().isPresent() || grant.expired(now)) {
            return false;
        }
        return switch (hold.state()) {
            case HELD -> (grant.audience() == Audience.APPROVER) == (hold.approval() == Approval.INSTEAD);
            case DELAYED -> grant.audience() == Audience.SENDER;
            case AWAITING_APPROVAL -> grant.audience() == Audience.APPROVER;
            default -> false;
        };
    }

    /** The recipients the holder of {@code grant} chooses among: the sender's choice when an approver follows. */
    public static List<MailAddress> candidates(TokenGrant grant, HeldMessage hold) {
        return hold.state() == HoldState.AWAITING_APPROVAL ? hold.confirmedRecipients() : hold.envelopeRecipients();
    }

    /** Carries out a choice made with {@code grant} about {@code hold}. */
    public DecisionResult decide(TokenGrant grant, HeldMessage hold, Choice choice) {
        Instant now = clock.instant();
        if (!canDecide(grant, hold, now)) {
            return new DecisionResult.Stale();
        }
        List<MailAddress> candidates = candidates(grant, hold);
        Duration took = hold.times().sinceNotification(now);
        Decided decided = new Decided(grant.addressee().toString(), Optional.of(choice.actor().ip()),
                choice.actor().userAgent(), took.toSeconds(), took.compareTo(automatedWithin) < 0);
        Actor actor = new Actor(grant.addressee().toString(), choice.actor().ip(), choice.actor().userAgent());
        if (!choice.send()) {
            return cancel(grant, hold, decided, actor, now);
        }
        String refusal = refusal(hold, candidates, choice);
        if (refusal != null) {
            return new DecisionResult.Refused(refusal);
        }
        List<MailAddress> confirmed = candidates.stream().filter(choice.confirmed()::contains).toList();
        List<MailAddress> dropped = hold.envelopeRecipients().stream().filter(r -> !confirmed.contains(r)).toList();
        boolean forward = grant.audience() == Audience.SENDER && hold.state() == HoldState.HELD
                && hold.approval() == Approval.AFTER && !approvers.of(hold).isEmpty();
        if (choice.corrects() && (forward || grant.audience() != Audience.SENDER)) {
            return new DecisionResult.Refused("choice.notWithApproval");
        }
        Optional<Corrections.Corrected> corrected;
        try {
            // a copy the sender corrects keeps the policy's conversion to Bcc (a plain release carries it anyway)
            corrected = choice.corrects() ? Optional.of(corrections.prepare(hold, spool.content(hold), confirmed,
                    choice.instead(), choice.asBcc() || spool.convertsToBcc(hold))) : Optional.empty();
        } catch (Corrections.Refusal refused) {
            return new DecisionResult.Refused(refused.reason());
        } catch (SpoolActions.MessageGone gone) {
            transactions.markLeftQueue(hold);
            return new DecisionResult.Stale();
        }
        HoldState next = forward ? HoldState.AWAITING_APPROVAL : HoldState.RELEASED;
        String outcome = forward ? "awaiting-approval" : dropped.isEmpty() ? "confirmed" : "partially-confirmed";
        String[] copyId = new String[1];
        boolean done = transactions.run(hold, () -> {
            if (!tokens.use(grant, now) || !store.transition(hold.queueId(), Set.of(hold.state()), next, outcome,
                    decided, now)) {
                return false;
            }
            store.recordDecisions(hold.queueId(), confirmed, dropped);
            if (corrected.isPresent()) {
                store.recordChanges(hold.queueId(), corrected.get().changes());
                copyId[0] = spool.releaseCorrected(hold, corrected.get().content(), corrected.get().recipients());
            }
            // logged with the decision (so before the approvers' links it leads to)
            HoldDecided decision = dropped.isEmpty()
                    ? HoldDecided.confirmed(hold.queueId(), hold.sender(), actor, took, confirmed,
                            departments.of(hold.sender()), decided.possiblyAutomated())
                    : HoldDecided.partiallyConfirmed(hold.queueId(), hold.sender(), actor, took, confirmed,
                            dropped, departments.of(hold.sender()), decided.possiblyAutomated());
            trail.record(corrected.isEmpty() ? decision
                    : decision.withChanges(changesForTheLog(corrected.get(), copyId[0])));
            if (forward) {
                // the approvers' links are written with the decision, or the decision is not taken (ADR 0005)
                notifier.askApproval(hold.withState(next, outcome), approvers.of(hold));
            } else if (corrected.isEmpty()) {
                spool.release(hold, confirmed, DROPPED_REASON);
            }
            return true;
        });
        if (!done) {
            return new DecisionResult.Stale();
        }
        if (!forward) {
            learning.confirmed(hold, confirmed.stream().filter(r -> !choice.instead().containsKey(r)).toList(), now);
        }
        return new DecisionResult.Done(hold.withState(next, outcome));
    }

    private DecisionResult cancel(TokenGrant grant, HeldMessage hold, Decided decided, Actor actor, Instant now) {
        String outcome = grant.audience() == Audience.APPROVER ? "rejected" : "cancelled";
        boolean done = transactions.run(hold, () -> {
            if (!tokens.use(grant, now) || !store.transition(hold.queueId(), Set.of(hold.state()), HoldState.CANCELLED,
                    outcome, decided, now)) {
                return false;
            }
            spool.discard(hold);
            return true;
        });
        if (!done) {
            return new DecisionResult.Stale();
        }
        trail.record(HoldDecided.cancelled(hold.queueId(), hold.sender(), actor, Duration.ofSeconds(decided.seconds()),
                hold.envelopeRecipients(), departments.of(hold.sender()), decided.possiblyAutomated()));
        return new DecisionResult.Done(hold.withState(HoldState.CANCELLED, outcome));
    }

    /** What the sender changed, for the decision log: who is in {@code by} of the entry itself. */
    private static Map<String, String> changesForTheLog(Corrections.Corrected corrected, String copyId) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> instead = new ArrayList<>();
        List<String> bcc = new ArrayList<>();
        corrected.changes().forEach((recipient, change) -> {
            if (change.kind() == RecipientChange.Kind.SENT_INSTEAD) {
                instead.add(recipient + " -> " + change.instead().orElseThrow());
            } else {
                bcc.add(recipient.toString());
            }
        });
        if (!instead.isEmpty()) {
            out.put("sentInstead", String.join(", ", instead));
        }
        if (!bcc.isEmpty()) {
            out.put("sentAsBcc", String.join(", ", bcc));
        }
        out.put("headersRewritten", "To, Cc");
        out.put("copyQueueId", copyId);
        out.put("envelope", String.join(", ", corrected.recipients().stream().map(Object::toString).toList()));
        return out;
    }

    /** The message key of what is wrong with a Send, or null when it may go ahead. */
    private static String refusal(HeldMessage hold, List<MailAddress> candidates, Choice choice) {
        if (!candidates.containsAll(choice.confirmed())) {
            return "choice.notRecipient";
        }
        if (choice.confirmed().isEmpty()) {
            return "choice.nobody";
        }
        for (MailAddress flagged : hold.flaggedRecipients()) {
            if (candidates.contains(flagged)
                    && choice.confirmed().contains(flagged) == choice.excluded().contains(flagged)) {
                return "choice.flaggedUndecided";
            }
        }
        return null;
    }
}
