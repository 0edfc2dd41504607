package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.queue.IntakeRecords;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@link IntakeRecords} bean (the hold record, the decision log's received and verdict
 * entries) committed in one database transaction: all of them or none (ADR 0005). Failed commits
 * are counted as {@code guard.intake.commit.failures}; each one became a 451 (or a message left in
 * {@code incoming/} for a later try).
 *
 * <p>Sessions that finish DATA at the same time share that transaction ({@link GroupCommit}, ADR 0014):
 * {@link #commit} returns only after the transaction holding the message's own records has committed, so
 * the 250 still follows them; a shared transaction that fails is retried message by message, so one bad
 * message never costs the others their 250. One commit per batch instead of one per message, and one
 * database connection for the whole intake instead of one per waiting session.
 *
 * <p>The records of a message sent on, whose 250 does not wait for them ({@link #commitBehind}), are committed by a
 * thread of their own ({@link WriteBehind}): each transaction holds what the sessions answered while the one before
 * it committed.
 */
final class TransactionalIntakeRecords implements IntakeRecords {

    static final int MAX_BATCH = 64;

    /** @param again checked again after a restart: {@link IntakeRecords#recommit} */
    private record Checked(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict, boolean again) {

        void into(IntakeRecords records) {
            if (again) {
                records.recommit(message, facts, verdict);
            } else {
                records.commit(message, facts, verdict);
            }
        }
    }

    private final List<IntakeRecords> records;
    private final Counter failures;
    private final Consumer<List<Checked>> inOneTransaction;
    private final GroupCommit<Checked> group;
    private final WriteBehind<Checked> behind;

    TransactionalIntakeRecords(List<IntakeRecords> records, TransactionTemplate transactions, MeterRegistry registry) {
        List<IntakeRecords> all = List.copyOf(records);
        this.records = all;
        this.failures = Counter.builder("guard.intake.commit.failures")
                .description("Checked messages whose records could not be committed (answered 451)")
                .register(registry);
        DistributionSummary batches = DistributionSummary.builder("guard.intake.commit.batch")
                .description("Messages whose records were committed in one transaction").register(registry);
        this.inOneTransaction = batch -> transactions.executeWithoutResult(status ->
                batch.forEach(c -> all.forEach(c::into)));
        this.group = new GroupCommit<Checked>(MAX_BATCH, inOneTransaction,
                DatabaseUnreachable.INSTANCE).measuring(batches::record);
        // no wait for company: what the sessions answered while a batch commits is the next batch
        this.behind = new WriteBehind<Checked>("intake-records", Duration.ZERO, WriteBehind.MAX_BATCH,
                inOneTransaction, DatabaseUnreachable.INSTANCE).measuring(batches::record);
    }

    @Override
    public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        commit(new Checked(message, facts, verdict, false));
    }

    @Override
    public void recommit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        commit(new Checked(message, facts, verdict, true));
    }

    /**
     * Committed by the writer thread, with every message answered meanwhile, in one transaction; inside a
     * transaction of the caller's, in that one.
     */
    @Override
    public CompletionStage<Void> commitBehind(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return IntakeRecords.super.commitBehind(message, facts, verdict);
        }
        return behind.submit(new Checked(message, facts, verdict, false)).whenComplete((committed, failure) -> {
            if (failure != null) {
                failures.increment();
            }
        });
    }

    @Override
    public void finishBehind() {
        behind.close();
    }

    private void commit(Checked checked) {
        try {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                inOneTransaction.accept(List.of(checked)); // joins the caller's
            } else {
                group.submit(checked);
            }
        } catch (RuntimeException e) {
            failures.increment();
            throw e;
        }
    }

    @Override
    public boolean keepsHeld(SpooledMessage message) {
        return records.stream().anyMatch(r -> r.keepsHeld(message));
    }
}
