package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.queue.IntakeRecords;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@link IntakeRecords} bean (the hold record, the decision log's received and verdict
 * entries) committed in one database transaction: all of them or none (ADR 0005). Failed commits
 * are counted as {@code guard.intake.commit.failures}; each one became a 451 (or a message left in
 * {@code incoming/} for a later try).
 */
final class TransactionalIntakeRecords implements IntakeRecords {

    private final List<IntakeRecords> records;
    private final TransactionTemplate transactions;
    private final Counter failures;

    TransactionalIntakeRecords(List<IntakeRecords> records, TransactionTemplate transactions, MeterRegistry registry) {
        this.records = List.copyOf(records);
        this.transactions = transactions;
        this.failures = Counter.builder("guard.intake.commit.failures")
                .description("Checked messages whose records could not be committed (answered 451)")
                .register(registry);
    }

    @Override
    public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(r -> r.commit(message, facts, verdict)));
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
