package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.HoldDecided;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.audit.VerdictGiven;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.ReversePath;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code audit_daily}, its monthly roll-up {@code audit_monthly} and {@code audit_decision} in
 * step with the entries, so that the
 * statistics page reads a few hundred counters instead of millions of entries. Counters of one
 * batch are summed in memory and written once per (day, metric, dimension). Called under the chain
 * lock, so read-modify-write needs no upsert.
 */
final class DailyStatistics {

    private record Key(LocalDate day, String metric, String dim) {
    }

    private final ZoneId zone;
    private final Map<Key, Long> counts = new LinkedHashMap<>();
    private final List<Object[]> decisions = new ArrayList<>();

    DailyStatistics(ZoneId zone) {
        this.zone = zone;
    }

    void add(LogEntry entry, AuditEvent event) {
        LocalDate day = entry.time().atZone(zone).toLocalDate();
        count(day, "type", entry.type());
        if (event instanceof MessageReceived r && !r.generatedByGuard()) {
            count(day, "sender", sender(r.envelope().sender()));
        } else if (event instanceof VerdictGiven v) {
            count(day, "action", v.action().name());
            if (v.action() == Action.HOLD) {
                count(day, "held-sender", sender(v.sender()));
                v.findings().stream().map(Finding::ruleId).distinct().forEach(rule -> count(day, "rule", rule));
            }
        } else if (event instanceof HoldDecided d) {
            decisions.add(new Object[] {entry.seq(), EntryRows.timestamp(entry.time()),
                    EntryRows.cut(d.senderDepartment().filter(s -> !s.isBlank()).orElse("")), d.type().code(),
                    d.timeToDecide().toSeconds(), d.possiblyAutomated()});
        }
    }

    static String sender(ReversePath path) {
        return path.address().map(Object::toString).orElse("<>");
    }

    private void count(LocalDate day, String metric, String dim) {
        counts.merge(new Key(day, metric, EntryRows.cut(dim)), 1L, Long::sum);
    }

    void flush(JdbcTemplate jdbc) {
        Map<Key, Long> months = new LinkedHashMap<>();
        counts.forEach((k, n) -> months.merge(new Key(k.day().withDayOfMonth(1), k.metric(), k.dim()), n, Long::sum));
        addTo(jdbc, "audit_daily", "stat_day", counts);
        addTo(jdbc, "audit_monthly", "stat_month", months);
        if (!decisions.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_decision (seq, decided_at, department, outcome, secs_to_decide, "
                    + "automated) VALUES (?, ?, ?, ?, ?, ?)", decisions);
        }
        counts.clear();
        decisions.clear();
    }

    /** Adds the counts to a counter table ({@code audit_daily} or its monthly roll-up). */
    private static void addTo(JdbcTemplate jdbc, String table, String dateColumn, Map<Key, Long> counts) {
        List<Object[]> inserts = new ArrayList<>();
        for (Map.Entry<Key, Long> e : counts.entrySet()) {
            Key k = e.getKey();
            int updated = jdbc.update("UPDATE " + table + " SET n = n + ? WHERE " + dateColumn
                    + " = ? AND metric = ? AND dim = ?", e.getValue(), Date.valueOf(k.day()), k.metric(), k.dim());
            if (updated == 0) {
                inserts.add(new Object[] {Date.valueOf(k.day()), k.metric(), k.dim(), e.getValue()});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO " + table + " (" + dateColumn + ", metric, dim, n) VALUES (?, ?, ?, ?)",
                    inserts);
        }
    }
}
