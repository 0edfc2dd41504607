package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.app.relay.GroupCommit;
import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.audit.NoticeQueued;
import com.misdeliveryguard.core.audit.RecipientDescriber;
import com.misdeliveryguard.core.audit.RecipientOutcome;
import com.misdeliveryguard.core.audit.VerdictGiven;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.queue.IntakeRecords;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the relay path's events to the decision log: at the check, a {@code received} entry (the
 * envelope, size, SHA-256 and the Message-ID the parser read) followed by the {@code verdict}; then one
 * {@code delivered}, {@code deferred} or {@code bounced} entry per recipient result.
 *
 * <p>The received entry is written when the facts are known (right after the spool commit, on the
 * same thread), so it can carry the Message-ID. It and the verdict are {@link IntakeRecords}: they
 * are committed in the intake's transaction before the 250, and when they cannot be, the client
 * gets 451 (ADR 0005). A failing append of a later entry is logged and counted
 * ({@code guard.audit.append.failures}) and never changes what happens to the message.
 */
final class AuditRelayListener implements RelayEvents, IntakeRecords, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AuditRelayListener.class);
    private final DecisionLog decisionLog;
    private final RecipientDescriber directory;
    private final Counter failures;
    private final GroupCommit<List<AuditEvent>> outcomes;
    private static final int MAX_BATCH = 64;

    AuditRelayListener(DecisionLog decisionLog, RecipientDescriber directory, MeterRegistry registry) {
        this.decisionLog = decisionLog;
        this.directory = directory;
        this.failures = Counter.builder("guard.audit.append.failures")
                .description("Decision-log entries that could not be written").register(registry);
        // delivery workers that finish at the same time share one append (one transaction, ADR 0014)
        this.outcomes = new GroupCommit<List<AuditEvent>>(MAX_BATCH,
                batch -> decisionLog.appendAll(batch.stream().flatMap(List::stream).toList()),
                CannotCreateTransactionException.class::isInstance).lingering(GroupCommit.AFTER_DELIVERY);
    }

    /** Last of the intake records: appending locks the chain's head until the intake's transaction ends. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * The received and verdict entries. Inside the intake's transaction they are kept until just before it
     * commits and then appended together with those of the other messages of the same transaction (group
     * commit, ADR 0014): one head update and one statistics write per transaction. A failing append fails
     * the commit, so the client still gets 451.
     */
    @Override
    public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        boolean generated = message.origin() == SpooledMessage.Origin.GUARD;
        List<AuditEvent> events = List.of(new MessageReceived(message.id(), message.envelope(), message.size(),
                message.sha256(), generated, facts),
                VerdictGiven.of(message.id(), message.envelope(), facts, verdict, directory));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            appendedBeforeCommit().addAll(events);
        } else {
            appendNow(events);
        }
    }

    private void appendNow(List<AuditEvent> events) {
        try {
            decisionLog.appendAll(events);
        } catch (RuntimeException e) {
            failures.increment(events.size());
            throw e;
        }
    }

    /** This transaction's entries still to append; appended when it is about to commit. */
    @SuppressWarnings("unchecked")
    private List<AuditEvent> appendedBeforeCommit() {
        List<AuditEvent> pending = (List<AuditEvent>) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        List<AuditEvent> fresh = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, fresh);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                appendNow(List.copyOf(fresh));
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(AuditRelayListener.this);
            }
        });
        return fresh;
    }

    @Override
    public void relayed(SpooledMessage message, RecipientResult result) {
        append(RecipientOutcome.delivered(message.id(), message.envelope().sender(), result.recipient(),
                result.reply()));
    }

    /** One transaction for the recipients of one attempt. */
    @Override
    public void relayedAll(SpooledMessage message, List<RecipientResult> results) {
        append(results.stream().<AuditEvent>map(r -> RecipientOutcome.delivered(message.id(),
                message.envelope().sender(), r.recipient(), r.reply())).toList());
    }

    @Override
    public void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
        append(RecipientOutcome.deferred(message.id(), message.envelope().sender(), result.recipient(),
                result.reply(), nextAttempt));
    }

    @Override
    public void bounced(SpooledMessage message, RecipientResult result) {
        append(RecipientOutcome.bounced(message.id(), message.envelope().sender(), result.recipient(),
                result.reply()));
    }

    @Override
    public void dsnQueued(SpooledMessage original, String dsnId, MailAddress to) {
        append(new NoticeQueued(original.id(), original.envelope().sender(), dsnId, "dsn", to));
    }

    private void append(AuditEvent event) {
        append(List.of(event));
    }

    private void append(List<AuditEvent> events) {
        try {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                decisionLog.appendAll(events); // part of the caller's transaction: never shared with others
            } else {
                outcomes.submit(events);
            }
        } catch (RuntimeException e) {
            failures.increment(events.size());
            log.error("Cannot write the {} entry of {} to the decision log", events.get(0).type().code(),
                    events.get(0).queue().orElse("-"), e);
        }
    }
}
