package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.IndexTerms;
import com.misdeliveryguard.core.audit.LogEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowMapper;

/** How entries and their index terms map to the {@code audit_entry} and {@code audit_term} rows. */
final class EntryRows {

    static final String COLUMNS = "seq, occurred_at, event_type, queue_id, actor, details, prev_hash, hash";
    static final String INSERT = "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_TERM = "INSERT INTO audit_term (kind, term, seq) VALUES (?, ?, ?)";
    static final int MAX_TERM = 300;

    static final RowMapper<LogEntry> MAPPER = EntryRows::map;

    private EntryRows() {
    }

    static Object[] insertArgs(LogEntry e) {
        return new Object[] {e.seq(), timestamp(e.time()), e.type(), e.queueId().orElse(null), e.actor().orElse(null),
                e.details(), e.prevHash(), e.hash()};
    }

    static LogEntry map(ResultSet rs, int row) throws SQLException {
        return new LogEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("event_type"), Optional.ofNullable(rs.getString("queue_id")),
                Optional.ofNullable(rs.getString("actor")), rs.getString("details"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The term rows of one entry. */
    static List<Object[]> termArgs(long seq, IndexTerms terms) {
        List<Object[]> rows = new ArrayList<>();
        add(rows, seq, "sender", terms.senders());
        add(rows, seq, "rcpt", terms.recipients());
        add(rows, seq, "org", terms.organizations());
        add(rows, seq, "dept", terms.departments());
        add(rows, seq, "rule", terms.rules());
        add(rows, seq, "outcome", Set.of(terms.outcome()));
        return rows;
    }

    private static void add(List<Object[]> rows, long seq, String kind, Set<String> terms) {
        terms.stream().map(EntryRows::cut).distinct().forEach(t -> rows.add(new Object[] {kind, t, seq}));
    }

    static String cut(String term) {
        return term.length() > MAX_TERM ? term.substring(0, MAX_TERM) : term;
    }
}
