package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the log for the console: keyset pages (never OFFSET), a message's history.
 *
 * <p>A page costs index range scans only, whatever the size of the log: the time range becomes a
 * sequence range through {@code audit_entry_time_ix} (times never go backwards along the sequence);
 * without filters the primary key is read backwards from the cursor; with filters the most
 * selective term (estimated by counting at most {@value #ESTIMATE_CAP} index rows in the range) is
 * read backwards from the cursor on {@code audit_term}'s primary key, and every other term is a
 * primary-key probe.
 */
public final class AuditQueries {

    static final int ESTIMATE_CAP = 2000;
    private final JdbcTemplate jdbc;
    private final EntryTimes times;

    AuditQueries(JdbcDecisionLog log) {
        this.jdbc = log.jdbc();
        this.times = new EntryTimes(jdbc);
    }

    /**
     * A page of at most {@code size} entries matching the filter: the newest before {@code before}, or
     * the oldest after {@code after} (then still shown newest first), or the newest of all.
     */
    public AuditPage page(AuditFilter filter, Optional<Long> before, Optional<Long> after, int size) {
        return page(filter, before, after, size, true);
    }

    /**
     * As {@link #page(AuditFilter, Optional, Optional, int)}; without {@code withAccess} the entries of
     * people looking at the log ({@code audit-access}) are left out unless the filter asks for that outcome.
     */
    public AuditPage page(AuditFilter filter, Optional<Long> before, Optional<Long> after, int size,
            boolean withAccess) {
        boolean access = withAccess || !filter.terms().isEmpty();
        Optional<long[]> range = range(filter);
        if (range.isEmpty()) {
            return new AuditPage(List.of(), Optional.empty(), Optional.empty());
        }
        long lo = range.get()[0];
        long hi = range.get()[1];
        boolean ascending = after.isPresent() && before.isEmpty();
        if (before.isPresent()) {
            hi = Math.min(hi, before.get() - 1);
        }
        if (ascending) {
            lo = Math.max(lo, after.get() + 1);
        }
        List<Long> seqs = seqs(filter.terms(), lo, hi, size + 1, ascending, access);
        boolean more = seqs.size() > size;
        seqs = new ArrayList<>(seqs.subList(0, Math.min(size, seqs.size())));
        if (ascending) {
            Collections.reverse(seqs);
        }
        List<LogEntry> entries = fetch(seqs);
        if (entries.isEmpty()) {
            return new AuditPage(entries, Optional.empty(), Optional.empty());
        }
        long newest = entries.get(0).seq();
        long oldest = entries.get(entries.size() - 1).seq();
        boolean hasNewer = ascending ? more : before.isPresent() && exists(filter, newest + 1, range.get()[1], access);
        boolean hasOlder = ascending ? exists(filter, range.get()[0], oldest - 1, access) : more;
        return new AuditPage(entries, hasNewer ? Optional.of(newest) : Optional.empty(),
                hasOlder ? Optional.of(oldest) : Optional.empty());
    }

    /** Every entry about one message, oldest first. */
    public List<LogEntry> history(String queueId) {
        return jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entry WHERE queue_id = ? ORDER BY seq",
                EntryRows.MAPPER, queueId);
    }

    private boolean exists(AuditFilter filter, long lo, long hi, boolean withAccess) {
        return lo <= hi && !seqs(filter.terms(), lo, hi, 1, false, withAccess).isEmpty();
    }

    /** The sequence range [lo, hi] of the filter's time range; empty when no entry is in it. */
    private Optional<long[]> range(AuditFilter filter) {
        long lo = 1;
        long hi = Long.MAX_VALUE;
        if (filter.from().isPresent()) {
            Optional<Long> first = times.firstAtOrAfter(filter.from().get());
            if (first.isEmpty()) {
                return Optional.empty();
            }
            lo = first.get();
        }
        if (filter.to().isPresent()) {
            Optional<Long> last = times.lastBefore(filter.to().get(), 0);
            if (last.isEmpty()) {
                return Optional.empty();
            }
            hi = last.get();
        }
        return lo <= hi ? Optional.of(new long[] {lo, hi}) : Optional.empty();
    }

    private List<Long> seqs(List<AuditFilter.Term> terms, long lo, long hi, int limit, boolean ascending,
            boolean withAccess) {
        String order = ascending ? "ASC" : "DESC";
        if (terms.isEmpty()) {
            String access = withAccess ? "" : " AND event_type <> 'audit-access'";
            return jdbc.queryForList("SELECT seq FROM audit_entry WHERE seq BETWEEN ? AND ?" + access
                    + " ORDER BY seq " + order + " LIMIT " + limit, Long.class, lo, hi);
        }
        List<AuditFilter.Term> ordered = terms.size() == 1 ? terms : bySelectivity(terms, lo, hi);
        AuditFilter.Term drive = ordered.get(0);
        StringBuilder sql = new StringBuilder("SELECT t.seq FROM audit_term t WHERE t.kind = ? AND t.term = ? "
                + "AND t.seq BETWEEN ? AND ?");
        List<Object> args = new ArrayList<>(List.of(drive.kind(), drive.term(), lo, hi));
        for (AuditFilter.Term other : ordered.subList(1, ordered.size())) {
            sql.append(" AND EXISTS (SELECT 1 FROM audit_term u WHERE u.kind = ? AND u.term = ? AND u.seq = t.seq)");
            args.add(other.kind());
            args.add(other.term());
        }
        sql.append(" ORDER BY t.kind ").append(order).append(", t.term ").append(order).append(", t.seq ")
                .append(order).append(" LIMIT ").append(limit);
        return jdbc.queryForList(sql.toString(), Long.class, args.toArray());
    }

    private List<AuditFilter.Term> bySelectivity(List<AuditFilter.Term> terms, long lo, long hi) {
        return terms.stream().sorted(Comparator.comparingLong(t -> estimate(t, lo, hi))).toList();
    }

    private long estimate(AuditFilter.Term term, long lo, long hi) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM audit_term WHERE kind = ? AND term = ? "
                + "AND seq BETWEEN ? AND ? LIMIT " + ESTIMATE_CAP + ") x", Long.class, term.kind(), term.term(), lo, hi);
        return n == null ? 0 : n;
    }

    private List<LogEntry> fetch(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        String in = seqs.stream().map(s -> "?").collect(Collectors.joining(","));
        return jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entry WHERE seq IN (" + in
                + ") ORDER BY seq DESC", EntryRows.MAPPER, seqs.toArray());
    }

    /** The entries of a filter, newest first, in batches (CSV export). */
    public void forEach(AuditFilter filter, int limit, java.util.function.Consumer<LogEntry> consumer) {
        Optional<Long> before = Optional.empty();
        int seen = 0;
        while (seen < limit) {
            AuditPage page = page(filter, before, Optional.empty(), Math.min(1000, limit - seen));
            page.entries().forEach(consumer);
            seen += page.entries().size();
            if (page.older().isEmpty()) {
                return;
            }
            before = page.older();
        }
    }
}
