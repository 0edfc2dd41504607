package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.LogEntry;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes entries older than {@code guard.audit.retention}. First the chain's anchor moves to the
 * last entry before the cutoff and a retention entry records it (one transaction); then the rows up
 * to the anchor are deleted in small batches. A crash in between only leaves rows that the next run
 * deletes; the verifier starts at the anchor either way.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 10_000;

    private final JdbcDecisionLog decisionLog;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final ZoneId zone;

    Retention(JdbcDecisionLog decisionLog, Clock clock, Duration retention, ZoneId zone) {
        this.decisionLog = decisionLog;
        this.jdbc = decisionLog.jdbc();
        this.clock = clock;
        this.retention = retention;
        this.zone = zone;
    }

    /** Applies retention now; returns the retention entry, if anything was old enough. */
    public synchronized Optional<LogEntry> apply() {
        Instant cutoff = clock.instant().minus(retention);
        Optional<LogEntry> entry = decisionLog.anchorBefore(cutoff, retention);
        long anchor = decisionLog.head().anchorSeq();
        long deleted = deleteThrough(anchor);
        LocalDate cutoffDay = cutoff.atZone(zone).toLocalDate();
        LocalDate cutoffMonth = cutoffDay.withDayOfMonth(1);
        jdbc.update("DELETE FROM audit_daily WHERE stat_day < ?", Date.valueOf(cutoffDay));
        jdbc.update("DELETE FROM audit_monthly WHERE stat_month <= ?", Date.valueOf(cutoffMonth));
        jdbc.update("INSERT INTO audit_monthly (stat_month, metric, dim, n) SELECT ?, metric, dim, SUM(n) "
                + "FROM audit_daily WHERE stat_day >= ? AND stat_day < ? GROUP BY metric, dim",
                Date.valueOf(cutoffMonth), Date.valueOf(cutoffMonth), Date.valueOf(cutoffMonth.plusMonths(1)));
        jdbc.update("DELETE FROM audit_decision WHERE decided_at < ?", EntryRows.timestamp(cutoff));
        jdbc.update("DELETE FROM audit_checkpoint WHERE seq <= ?", anchor);
        jdbc.update("DELETE FROM audit_message WHERE last_seq <= ?", anchor);
        if (deleted > 0) {
            log.info("Retention: deleted {} decision-log entries older than {} (through entry {})", deleted, cutoff, anchor);
        }
        return entry;
    }

    private long deleteThrough(long anchor) {
        long deleted = 0;
        Long lowest = jdbc.queryForObject("SELECT MIN(seq) FROM audit_entry", Long.class);
        if (lowest == null) {
            return 0;
        }
        for (long from = lowest; from <= anchor; from += BATCH) {
            long to = Math.min(anchor, from + BATCH - 1);
            jdbc.update("DELETE FROM audit_term WHERE seq BETWEEN ? AND ?", from, to);
            deleted += jdbc.update("DELETE FROM audit_entry WHERE seq BETWEEN ? AND ?", from, to);
        }
        return deleted;
    }
}
