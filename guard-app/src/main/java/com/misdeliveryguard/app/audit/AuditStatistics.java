package com.misdeliveryguard.app.audit;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statistics from the counters ({@code audit_daily} and its monthly roll-up) and the decisions table:
 * a handful of grouped reads over at most (months + 62 days) × dimensions rows, independent of the
 * number of entries.
 */
public final class AuditStatistics {

    private static final int TOP = 10;
    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    AuditStatistics(JdbcDecisionLog log, ZoneId zone) {
        this.jdbc = log.jdbc();
        this.zone = zone;
    }

    public StatisticsReport report(LocalDate from, LocalDate to) {
        Date f = Date.valueOf(from);
        Date t = Date.valueOf(to);
        Map<String, Long> types = sums("type", f, t);
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (String type : List.of("confirmed", "partially-confirmed", "cancelled", "expired")) {
            decisions.put(type, types.getOrDefault(type, 0L));
        }
        decisions.putAll(undecided(from, to));
        long held = sums("action", f, t).getOrDefault("HOLD", 0L);
        return new StatisticsReport(from, to, top("rule", f, t, 30), held, decisions, departments(from, to),
                top("sender", f, t, TOP), top("held-sender", f, t, TOP), days(from, to, f, t));
    }

    /**
     * The counters of one metric over [from, to], per dimension: full calendar months from
     * {@code audit_monthly}, the partial months at either end from {@code audit_daily}.
     */
    private static final String COUNTERS = "SELECT dim, n FROM audit_daily WHERE stat_day >= ? AND stat_day < ? "
            + "AND metric = ? UNION ALL SELECT dim, n FROM audit_daily WHERE stat_day >= ? AND stat_day <= ? "
            + "AND metric = ? UNION ALL SELECT dim, n FROM audit_monthly WHERE stat_month >= ? AND stat_month < ? "
            + "AND metric = ?";

    private static Object[] counterArguments(String metric, Date from, Date to) {
        LocalDate first = from.toLocalDate();
        LocalDate last = to.toLocalDate();
        LocalDate fullStart = first.getDayOfMonth() == 1 ? first : first.plusMonths(1).withDayOfMonth(1);
        LocalDate fullEnd = last.plusDays(1).withDayOfMonth(1);
        if (!fullStart.isBefore(fullEnd)) {
            fullStart = last.plusDays(1);
            fullEnd = fullStart;
        }
        // each branch is a range on the leading primary-key column, so each is an index range scan
        return new Object[] {from, Date.valueOf(fullStart), metric, Date.valueOf(fullEnd), to, metric,
                Date.valueOf(fullStart), Date.valueOf(fullEnd), metric};
    }

    private Map<String, Long> sums(String metric, Date from, Date to) {
        Map<String, Long> sums = new HashMap<>();
        jdbc.query("SELECT dim, SUM(n) FROM (" + COUNTERS + ") c GROUP BY dim", rs -> {
            sums.put(rs.getString(1), rs.getLong(2));
        }, counterArguments(metric, from, to));
        return sums;
    }

    private List<StatisticsReport.Count> top(String metric, Date from, Date to, int limit) {
        return jdbc.query("SELECT dim, SUM(n) AS total FROM (" + COUNTERS + ") c GROUP BY dim ORDER BY total DESC, dim "
                + "LIMIT " + limit, (rs, i) -> new StatisticsReport.Count(rs.getString(1), rs.getLong(2)),
                counterArguments(metric, from, to));
    }

    /**
     * Of the messages held in the period, those an administrator released or discarded and those
     * still waiting ({@code waiting}), from the message view, so that the outcomes add up to the holds.
     */
    private Map<String, Long> undecided(LocalDate from, LocalDate to) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("released-by-admin", 0L);
        out.put("discarded-by-admin", 0L);
        out.put("waiting", 0L);
        jdbc.query("SELECT COALESCE(decision, 'waiting'), COUNT(*) FROM audit_message WHERE received_at >= ? "
                + "AND received_at < ? AND verdict_action = 'hold' AND (decision IS NULL AND delivered_n = 0 "
                + "AND bounced_n = 0 OR decision IN ('released-by-admin', 'discarded-by-admin')) "
                + "GROUP BY COALESCE(decision, 'waiting')",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                }, EntryRows.timestamp(from.atStartOfDay(zone).toInstant()),
                EntryRows.timestamp(to.plusDays(1).atStartOfDay(zone).toInstant()));
        return out;
    }

    private List<StatisticsReport.DepartmentTiming> departments(LocalDate from, LocalDate to) {
        return jdbc.query("SELECT department, COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY secs_to_decide), "
                + "SUM(CASE WHEN automated THEN 1 ELSE 0 END) FROM audit_decision "
                + "WHERE decided_at >= ? AND decided_at < ? AND outcome IN ('confirmed', 'partially-confirmed') "
                + "GROUP BY department ORDER BY 3, 1",
                (rs, i) -> new StatisticsReport.DepartmentTiming(rs.getString(1), rs.getLong(2), rs.getDouble(3),
                        rs.getLong(4)),
                EntryRows.timestamp(from.atStartOfDay(zone).toInstant()),
                EntryRows.timestamp(to.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    private List<StatisticsReport.Day> days(LocalDate from, LocalDate to, Date f, Date t) {
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDay.put(d, new long[2]);
        }
        jdbc.query("SELECT stat_day, metric, n FROM audit_daily WHERE metric = 'type' AND dim = 'received' "
                + "AND stat_day BETWEEN ? AND ? UNION ALL SELECT stat_day, metric, n FROM audit_daily "
                + "WHERE metric = 'action' AND dim = 'HOLD' AND stat_day BETWEEN ? AND ?",
                rs -> {
                    long[] row = byDay.get(rs.getDate(1).toLocalDate());
                    if (row != null) {
                        row["type".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
                    }
                }, f, t, f, t);
        List<StatisticsReport.Day> days = new ArrayList<>();
        byDay.forEach((d, row) -> days.add(new StatisticsReport.Day(d, row[0], row[1])));
        return days;
    }
}
