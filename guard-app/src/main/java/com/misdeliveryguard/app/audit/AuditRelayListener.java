package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.app.relay.DatabaseUnreachable;
import com.misdeliveryguard.app.relay.WriteBehind;
import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.audit.NoticeQueued;
import com.misdeliveryguard.core.audit.RecipientDescriber;
import com.misdeliveryguard.core.audit.RecipientOutcome;
import com.misdeliveryguard.core.audit.RecipientsDelivered;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the relay path's events to the decision log: at the check, a {@code received} entry (the
 * envelope, size, SHA-256 and the Message-ID the parser read) followed by the {@code verdict}; then one
 * {@code delivered} entry per upstream reply naming the recipients it accepted, and one {@code deferred} or
 * {@code bounced} entry per recipient the upstream did not accept.
 *
 * <p>The received entry is written when the facts are known (right after the spool commit, on the
 * same thread), so it can carry the Message-ID. It and the verdict are {@link IntakeRecords}: they
 * are committed in the intake's transaction before the 250, and when they cannot be, the client
 * gets 451 (ADR 0005). A failing append of a later entry is logged and counted
 * ({@code guard.audit.append.failures}) and never changes what happens to the message.
 */
final class AuditRelayListener implements RelayEvents, IntakeRecords, Ordered, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditRelayListener.class);
    private final DecisionLog decisionLog;
    private final RecipientDescriber directory;
    private final Counter failures;
    private final Function<String, List<LogEntry>> history;
    private final WriteBehind<List<AuditEvent>> outcomes;

    /** @param history every entry about a message, by queue id (to tell what a crash left unrecorded) */
    AuditRelayListener(DecisionLog decisionLog, RecipientDescriber directory, Function<String, List<LogEntry>> history,
            MeterRegistry registry) {
        this.decisionLog = decisionLog;
        this.directory = directory;
        this.history = history;
        this.failures = Counter.builder("guard.audit.append.failures")
                .description("Decision-log entries that could not be written").register(registry);
        // the outcomes of the delivery workers, appended behind them in batches (one transaction each, ADR 0014)
        this.outcomes = new WriteBehind<List<AuditEvent>>("audit-outcomes", WriteBehind.AFTER_DELIVERY,
                WriteBehind.MAX_BATCH, batch -> decisionLog.appendAll(batch.stream().flatMap(List::stream).toList()),
                DatabaseUnreachable.INSTANCE);
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
        appendIntake(intakeEvents(message, facts, verdict));
    }

    /**
     * A message checked again (found in {@code incoming/} after a restart): its received and verdict entries without
     * those the log has already, because the run before committed them and ended before the message left
     * {@code incoming/}. A verdict other than the one logged (the directory changed in between) is appended: it is
     * the one acted on now. A failure to read the log fails the commit: the message stays and is checked later.
     */
    @Override
    public void recommit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        List<AuditEvent> missing = notLoggedYet(message.id(), intakeEvents(message, facts, verdict));
        if (!missing.isEmpty()) {
            appendIntake(missing);
        }
    }

    private List<AuditEvent> intakeEvents(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        boolean generated = message.origin() == SpooledMessage.Origin.GUARD;
        return List.of(new MessageReceived(message.id(), message.envelope(), message.size(), message.sha256(),
                generated, facts), VerdictGiven.of(message.id(), message.envelope(), facts, verdict, directory));
    }

    /** The events the log does not hold yet: an entry about the same message of the same type with the same details. */
    private List<AuditEvent> notLoggedYet(String queueId, List<AuditEvent> events) {
        Set<String> logged = history.apply(queueId).stream().map(e -> e.type() + " " + e.details())
                .collect(Collectors.toSet());
        return events.stream().filter(e -> !logged.contains(e.type().code() + " " + CanonicalJson.write(e.details())))
                .toList();
    }

    /**
     * The intake's entries: appended just before the intake's transaction commits, or now outside of one; a failure
     * is thrown (the client gets 451).
     */
    private void appendIntake(List<AuditEvent> events) {
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
        relayedAll(message, List.of(result));
    }

    /**
     * The {@code delivered} entries of one attempt, appended behind the delivery worker: the stage completes
     * when they are committed, and only then does the message leave the spool; it completes exceptionally when
     * they could not be (logged and counted), and the message stays for the next attempt to append what is
     * missing ({@link #relayedEarlier}).
     */
    @Override
    public CompletionStage<Void> relayedAll(SpooledMessage message, List<RecipientResult> results) {
        List<AuditEvent> events = delivered(message, results);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            append(events); // part of the caller's transaction: never shared with others
            return CompletableFuture.completedFuture(null);
        }
        return outcomes.submit(events).whenComplete((done, e) -> {
            if (e != null) {
                failed(events, e);
            }
        });
    }

    /**
     * After a crash: the {@code delivered} entries of these recipients that the log does not have yet (the run
     * ended before the batch holding them was committed). A recipient is logged when a {@code delivered} entry about
     * the same message names it; the others get entries of their own, grouped by reply as at delivery. False when
     * they could not be checked or appended (logged): the message then waits.
     */
    @Override
    public boolean relayedEarlier(SpooledMessage message, List<RecipientResult> results) {
        List<AuditEvent> missing;
        try {
            Set<String> logged = deliveredTo(history.apply(message.id()));
            missing = delivered(message, results.stream()
                    .filter(r -> !logged.contains(r.recipient().toString())).toList());
        } catch (RuntimeException e) {
            log.error("Cannot tell which delivered entries of {} the log lacks", message.id(), e);
            return false;
        }
        if (missing.isEmpty()) {
            return true;
        }
        log.info("Writing the {} delivered entr{} of {} that the log lacks", missing.size(),
                missing.size() == 1 ? "y" : "ies", message.id());
        return append(missing);
    }

    /** One {@code delivered} entry per reply, naming the recipients it accepted in the order they were sent. */
    private static List<AuditEvent> delivered(SpooledMessage message, List<RecipientResult> results) {
        Map<String, List<MailAddress>> byReply = results.stream().collect(Collectors.groupingBy(
                RecipientResult::reply, LinkedHashMap::new,
                Collectors.mapping(RecipientResult::recipient, Collectors.toList())));
        List<AuditEvent> events = new ArrayList<>(byReply.size());
        byReply.forEach((reply, recipients) -> events.add(new RecipientsDelivered(message.id(),
                message.envelope().sender(), recipients, reply)));
        return events;
    }

    /** The recipients these entries say were delivered to, whichever shape their {@code delivered} entries have. */
    private static Set<String> deliveredTo(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.type().equals(EventType.DELIVERED.code()))
                .flatMap(e -> RecipientsDelivered.named(CanonicalJson.parseObject(e.details())).stream())
                .collect(Collectors.toSet());
    }

    @Override
    public void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
        appendInTurn(RecipientOutcome.deferred(message.id(), message.envelope().sender(), result.recipient(),
                result.reply(), nextAttempt));
    }

    @Override
    public void bounced(SpooledMessage message, RecipientResult result) {
        appendInTurn(RecipientOutcome.bounced(message.id(), message.envelope().sender(), result.recipient(),
                result.reply()));
    }

    @Override
    public void dsnQueued(SpooledMessage original, String dsnId, MailAddress to) {
        appendInTurn(new NoticeQueued(original.id(), original.envelope().sender(), dsnId, "dsn", to));
    }

    /**
     * Appends after the outcomes queued before it, so that a message's entries keep the order of its events, and
     * returns once it is committed (or its failure logged and counted): these rarer outcomes keep the message in
     * the spool or queue a notice, and are not told again after a crash.
     */
    private void appendInTurn(AuditEvent event) {
        List<AuditEvent> events = List.of(event);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            append(events);
            return;
        }
        try {
            outcomes.submit(events).join();
        } catch (CompletionException e) {
            failed(events, e.getCause());
        }
    }

    /**
     * Appends on the calling thread (in the caller's transaction, if any); a failure is logged and counted. Whether
     * the entries were appended.
     */
    private boolean append(List<AuditEvent> events) {
        try {
            decisionLog.appendAll(events);
            return true;
        } catch (RuntimeException e) {
            failed(events, e);
            return false;
        }
    }

    private void failed(List<AuditEvent> events, Throwable e) {
        failures.increment(events.size());
        log.error("Cannot write the {} entry of {} to the decision log", events.get(0).type().code(),
                events.get(0).queue().orElse("-"), e);
    }

    /** Appends what is still queued behind the delivery workers (at shutdown, after the delivery queue closed). */
    @Override
    public void close() {
        outcomes.close();
    }
}
