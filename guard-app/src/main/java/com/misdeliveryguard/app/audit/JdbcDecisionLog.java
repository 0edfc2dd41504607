package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.audit.EntryTime;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.RetentionApplied;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log in the database (H2 or PostgreSQL).
 *
 * <p>An append is one transaction: lock the single row of {@code audit_chain_head}
 * ({@code SELECT … FOR UPDATE}, which serializes appends of every instance sharing the database),
 * link the entry to the head's hash, insert it with its index terms and statistics, move the head.
 * Within one process a lock in front of the transaction keeps threads from queueing on the database
 * lock. After the commit the entry is written as one JSON line to the {@code guard.audit} logger
 * (for a SIEM) and handed to the listener (checkpoints).
 *
 * <p>Called inside a caller's transaction on the same data source (the intake's records, a
 * notice marked sent; ADR 0005), the append joins it: the in-process lock is then held, and the
 * SIEM line written, only when that transaction ends, so that the chain's head is never locked in
 * the database by a thread that waits for the in-process lock.
 */
public final class JdbcDecisionLog implements DecisionLog {

    /** The SIEM logger: one JSON line per entry and per checkpoint. */
    static final Logger SIEM = LoggerFactory.getLogger("guard.audit");

    /** The chain's state: last entry and retention anchor. */
    record Head(long lastSeq, String lastHash, Optional<Instant> lastTime, long anchorSeq, String anchorHash) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile Consumer<LogEntry> afterAppend = e -> { };

    public JdbcDecisionLog(DataSource dataSource, Clock clock, ZoneId zone) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.zone = zone;
    }

    /** Called with every committed entry, after the SIEM line (must not throw). */
    void afterAppend(Consumer<LogEntry> listener) {
        this.afterAppend = listener;
    }

    @Override
    public LogEntry append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends several events as consecutive entries in one transaction, with batched inserts (the
     * benchmark fixture writes a million entries this way).
     */
    @Override
    public List<LogEntry> appendAll(List<? extends AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<LogEntry> entries = locked(() -> {
            Head head = lockHead();
            return write(head, events);
        });
        publish(entries);
        return entries;
    }

    /**
     * Moves the chain's anchor to the last entry before {@code cutoff} and records that as a
     * {@link RetentionApplied} entry, atomically. Returns the new anchor's sequence number, or empty when
     * nothing is old enough. Deleting the rows up to the anchor is the caller's next step.
     */
    Optional<LogEntry> anchorBefore(Instant cutoff, Duration retention) {
        Optional<LogEntry> result = Optional.ofNullable(locked(() -> {
            Head head = lockHead();
            Optional<Long> last = new EntryTimes(jdbc).lastBefore(cutoff, head.anchorSeq());
            if (last.isEmpty()) {
                return null;
            }
            long seq = last.get();
            String hash = jdbc.queryForObject("SELECT hash FROM audit_entry WHERE seq = ?", String.class, seq);
            jdbc.update("UPDATE audit_chain_head SET anchor_seq = ?, anchor_hash = ? WHERE id = 1", seq, hash);
            return write(head, List.of(new RetentionApplied(retention, cutoff, seq, hash, head.anchorSeq()))).get(0);
        }));
        result.ifPresent(e -> publish(List.of(e)));
        return result;
    }

    /** The head as committed (no lock). */
    Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash, last_time, anchor_seq, anchor_hash FROM audit_chain_head "
                + "WHERE id = 1", JdbcDecisionLog::mapHead);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    private <T> T locked(java.util.function.Supplier<T> work) {
        lock.lock();
        boolean joined = TransactionSynchronizationManager.isSynchronizationActive();
        try {
            return tx.execute(status -> work.get());
        } finally {
            if (joined) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        lock.unlock();
                    }
                });
            } else {
                lock.unlock();
            }
        }
    }

    private Head lockHead() {
        return jdbc.queryForObject("SELECT last_seq, last_hash, last_time, anchor_seq, anchor_hash FROM audit_chain_head "
                + "WHERE id = 1 FOR UPDATE", JdbcDecisionLog::mapHead);
    }

    private static Head mapHead(ResultSet rs, int row) throws SQLException {
        OffsetDateTime last = rs.getObject("last_time", OffsetDateTime.class);
        return new Head(rs.getLong("last_seq"), rs.getString("last_hash"),
                Optional.ofNullable(last).map(OffsetDateTime::toInstant), rs.getLong("anchor_seq"),
                rs.getString("anchor_hash"));
    }

    private List<LogEntry> write(Head head, List<? extends AuditEvent> events) {
        List<LogEntry> entries = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        List<Object[]> terms = new ArrayList<>();
        DailyStatistics statistics = new DailyStatistics(zone);
        MessageSummaries messages = new MessageSummaries();
        long seq = head.lastSeq();
        String prev = head.lastHash();
        Instant floor = head.lastTime().orElse(Instant.EPOCH);
        for (AuditEvent event : events) {
            Instant now = EntryTime.truncate(clock.instant());
            Instant time = now.isBefore(floor) ? floor : now;
            LogEntry entry = LogEntry.link(++seq, time, event, prev);
            entries.add(entry);
            rows.add(EntryRows.insertArgs(entry));
            terms.addAll(EntryRows.termArgs(entry.seq(), event.terms()));
            statistics.add(entry, event);
            messages.add(entry, event);
            prev = entry.hash();
            floor = time;
        }
        jdbc.batchUpdate(EntryRows.INSERT, rows);
        jdbc.batchUpdate(EntryRows.INSERT_TERM, terms);
        statistics.flush(jdbc);
        messages.flush(jdbc);
        jdbc.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, last_time = ? WHERE id = 1", seq, prev,
                EntryRows.timestamp(floor));
        return entries;
    }

    private void publish(List<LogEntry> entries) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publishNow(entries);
                }
            });
        } else {
            publishNow(entries);
        }
    }

    private void publishNow(List<LogEntry> entries) {
        for (LogEntry e : entries) {
            SIEM.info(e.toExportLine());
            try {
                afterAppend.accept(e);
            } catch (RuntimeException ex) {
                LoggerFactory.getLogger(JdbcDecisionLog.class).warn("After-append step failed for entry {}", e.seq(), ex);
            }
        }
    }
}
