package com.misdeliveryguard.app.confirm.notify;

import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.ConfirmationToken;
import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.core.audit.HoldNotified;
import com.misdeliveryguard.core.audit.HoldReminded;
import com.misdeliveryguard.core.audit.NoticeQueued;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the confirmation side's mails: each link mail gets a fresh token (only its hash is kept),
 * is composed by {@link NotificationComposer} and queued with
 * {@link DeliveryQueue#sendGenerated} — through the upstream, with the null sender, never checked
 * or held. Link mails are recorded in the decision log (without the token).
 *
 * <p>Who gets what: the sender gets the link, unless approvers decide instead — then the approvers
 * get links and the sender a notice; with approval after the sender, the approvers get links once
 * the sender has confirmed ({@link #askApproval}). Methods throw {@link UncheckedIOException} when
 * the spool cannot take the mail, so that the caller can retry.
 *
 * <p>A mail is as durable as the record that says it was sent (ADR 0005): it is committed to the
 * spool first ({@link DeliveryQueue#stageGenerated}); called inside a transaction (the claim of a
 * notice, a decision), it is handed to delivery only when that transaction commits and removed
 * when it rolls back. A crash in between leaves it in {@code incoming/}, delivered at start-up;
 * the claim rolled back, so the scheduler writes the notice again.
 */
public final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final ConfirmationTokens tokens;
    private final NotificationComposer composer;
    private final DeliveryQueue queue;
    private final DecisionTrail trail;
    private final Links links;

    public Notifier(ConfirmationTokens tokens, NotificationComposer composer, DeliveryQueue queue, DecisionTrail trail,
            Links links) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.links = Objects.requireNonNull(links, "links");
    }

    /** The first mails about a new hold (or delayed message). */
    public void notifyHeld(HeldMessage hold, List<MailAddress> approvers) {
        if (hold.state() == HoldState.DELAYED) {
            toSender(hold, NotificationKind.DELAYED, approvers);
        } else if (hold.approval() == Approval.INSTEAD && !approvers.isEmpty()) {
            toApprovers(hold, NotificationKind.APPROVAL_REQUEST, approvers);
            toSender(hold, NotificationKind.APPROVAL_PENDING, approvers);
        } else {
            toSender(hold, NotificationKind.HELD, approvers);
        }
    }

    /** The one reminder, with a fresh link, to whoever decides. */
    public void remind(HeldMessage hold, List<MailAddress> approvers) {
        if (hold.approval() == Approval.INSTEAD && !approvers.isEmpty()) {
            toApprovers(hold, NotificationKind.REMINDER, approvers);
        } else {
            toSender(hold, NotificationKind.REMINDER, approvers);
        }
    }

    /** The sender confirmed; the approvers are asked to approve. */
    public void askApproval(HeldMessage hold, List<MailAddress> approvers) {
        toApprovers(hold, NotificationKind.APPROVAL_REQUEST, approvers);
    }

    /** Tells the sender that the hold expired and what the expiry did. */
    public void tellExpired(HeldMessage hold, boolean delivered) {
        toSender(hold, delivered ? NotificationKind.EXPIRED_DELIVERED : NotificationKind.EXPIRED_DISCARDED, List.of());
    }

    /** Delivers a staged mail when the surrounding transaction commits (now, without one); removes it on rollback. */
    private void releaseWithTheTransaction(String id) throws IOException {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            queue.releaseGenerated(id);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                try {
                    if (status == STATUS_COMMITTED) {
                        queue.releaseGenerated(id);
                    } else {
                        queue.discardGenerated(id);
                    }
                } catch (IOException e) {
                    log.error("Cannot {} the staged notice {}; it stays in incoming/ and is delivered at the next "
                            + "start", status == STATUS_COMMITTED ? "deliver" : "remove", id, e);
                }
            }
        });
    }

    private void toSender(HeldMessage hold, NotificationKind kind, List<MailAddress> approvers) {
        if (hold.notifyTo().isEmpty()) {
            log.warn("Held message {} has no sender address to notify (null sender without SMTP AUTH); it waits for "
                    + "its expiry or the sender's own list", hold.queueId());
            return;
        }
        send(hold, kind, Audience.SENDER, hold.notifyTo().get(), approvers);
    }

    private void toApprovers(HeldMessage hold, NotificationKind kind, List<MailAddress> approvers) {
        approvers.forEach(a -> send(hold, kind, Audience.APPROVER, a, approvers));
    }

    private void send(HeldMessage hold, NotificationKind kind, Audience audience, MailAddress to,
            List<MailAddress> approvers) {
        Optional<ConfirmationToken> token = kind.carriesLink() ? Optional.of(tokens.issue(hold, audience, to))
                : Optional.empty();
        byte[] mail = composer.compose(kind, hold, to, token.map(links::confirmation),
                approvers.stream().map(MailAddress::toString).toList());
        String id;
        try {
            id = queue.stageGenerated(mail, to);
            releaseWithTheTransaction(id);
            log.info("Queued {} notice {} about held message {} to {}", kind.key(), id, hold.queueId(), to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue the " + kind.key() + " notice about " + hold.queueId(), e);
        }
        trail.record(new NoticeQueued(hold.queueId(), hold.sender(), id, kind.key(), to));
        if (kind == NotificationKind.REMINDER) {
            trail.record(new HoldReminded(hold.queueId(), hold.sender(), to));
        } else if (kind.carriesLink()) {
            trail.record(new HoldNotified(hold.queueId(), hold.sender(), to, hold.times().expiresAt()));
        }
    }
}
