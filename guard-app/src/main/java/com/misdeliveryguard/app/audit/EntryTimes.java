package com.misdeliveryguard.app.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds entries by time without an index on {@code occurred_at}: an entry's time never goes backwards along the
 * sequence ({@link JdbcDecisionLog} never writes a time before the head's, whichever instance appends), so a time
 * is found by binary search over the primary key, about twenty probes for a million entries. Every append then has
 * one B-tree less to write (ADR 0014). Gaps in the sequence (entries deleted by retention, or outside it, which the
 * chain check reports) are stepped over: a probe reads the first entry at or after its number.
 */
final class EntryTimes {

    private record Probe(long seq, Instant time) {
    }

    private final JdbcTemplate jdbc;

    EntryTimes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The first entry at or after {@code time}, if any. */
    Optional<Long> firstAtOrAfter(Instant time) {
        Long highest = jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry", Long.class);
        if (highest == null || probe(highest).orElseThrow().time().isBefore(time)) {
            return Optional.empty();
        }
        long lo = jdbc.queryForObject("SELECT MIN(seq) FROM audit_entry", Long.class);
        long hi = highest;
        // the answer is the first entry at or after lo; the entry at or after hi is at or after time
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Probe p = probe(mid).orElseThrow();
            if (p.time().isBefore(time)) {
                lo = p.seq() + 1; // every entry up to p is before time too
            } else {
                hi = mid;
            }
        }
        return probe(lo).map(Probe::seq);
    }

    /** The last entry before {@code time} whose number is above {@code after}, if any. */
    Optional<Long> lastBefore(Instant time, long after) {
        return lastBelow(firstAtOrAfter(time).orElse(Long.MAX_VALUE)).filter(seq -> seq > after);
    }

    /** Whether an entry numbered below {@code seq} is still there. */
    boolean anyBefore(long seq) {
        return lastBelow(seq).isPresent();
    }

    private Optional<Long> lastBelow(long seq) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry WHERE seq < ?", Long.class,
                seq));
    }

    /** The first entry numbered {@code seq} or above. */
    private Optional<Probe> probe(long seq) {
        List<Probe> found = jdbc.query("SELECT seq, occurred_at FROM audit_entry WHERE seq >= ? ORDER BY seq LIMIT 1",
                (rs, i) -> new Probe(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()), seq);
        return found.stream().findFirst();
    }
}
