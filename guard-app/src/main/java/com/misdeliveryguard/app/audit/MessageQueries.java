package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.LogEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the message view ({@code audit_message}): keyset pages of messages, newest first, narrowed by
 * the console's filters, and a message's history with the guard's own mails about it.
 *
 * <p>Time narrows on {@code received_at}; every other filter term must be found among the message's
 * entries ({@code audit_term} probed through {@code audit_entry_queue_ix}), each term possibly in a
 * different entry: "rule lookalike-domain and outcome confirmed" finds the held message its sender
 * later confirmed.
 */
public final class MessageQueries {

    private final JdbcTemplate jdbc;
    private final EntryTimes times;
    private final AuditQueries entries;

    MessageQueries(JdbcDecisionLog log, AuditQueries entries) {
        this.jdbc = log.jdbc();
        this.times = new EntryTimes(jdbc);
        this.entries = entries;
    }

    /**
     * A page of at most {@code size} messages matching the filter: the newest before {@code before},
     * or the oldest after {@code after} (still shown newest first), or the newest of all.
     */
    public MessagePage page(AuditFilter filter, Optional<Long> before, Optional<Long> after, int size) {
        boolean ascending = after.isPresent() && before.isEmpty();
        List<MessageSummary> found = new ArrayList<>(query(filter, before, ascending ? after : Optional.empty(),
                size + 1, ascending));
        boolean more = found.size() > size;
        found = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
        if (ascending) {
            Collections.reverse(found);
        }
        if (found.isEmpty()) {
            return new MessagePage(found, Optional.empty(), Optional.empty());
        }
        long newest = found.get(0).seq();
        long oldest = found.get(found.size() - 1).seq();
        boolean hasNewer = ascending ? more
                : before.isPresent() && !query(filter, Optional.empty(), Optional.of(newest), 1, true).isEmpty();
        boolean hasOlder = ascending ? !query(filter, Optional.of(oldest), Optional.empty(), 1, false).isEmpty() : more;
        return new MessagePage(found, hasNewer ? Optional.of(newest) : Optional.empty(),
                hasOlder ? Optional.of(oldest) : Optional.empty());
    }

    /** The message's summary, when it came in over SMTP (not for the guard's own mails). */
    public Optional<MessageSummary> find(String queueId) {
        return jdbc.query("SELECT " + MessageSummaries.COLUMNS + " FROM audit_message WHERE queue_id = ?",
                MessageQueries::map, queueId).stream().findFirst();
    }

    /**
     * Every entry about one message, oldest first, with the entries of the guard's own mails about it
     * (their delivery to the sender) placed where they happened.
     */
    public List<LogEntry> history(String queueId) {
        List<LogEntry> own = entries.history(queueId);
        List<String> notices = own.stream().filter(e -> e.type().equals("notice"))
                .map(e -> CanonicalJson.parseObject(e.details()).get("notice")).filter(String.class::isInstance)
                .map(String.class::cast).toList();
        if (notices.isEmpty()) {
            return own;
        }
        List<LogEntry> all = new ArrayList<>(own);
        String in = notices.stream().map(n -> "?").collect(Collectors.joining(","));
        all.addAll(jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entry WHERE queue_id IN (" + in
                + ") ORDER BY seq", EntryRows.MAPPER, notices.toArray()));
        all.sort(Comparator.comparingLong(LogEntry::seq));
        return all;
    }

    private List<MessageSummary> query(AuditFilter filter, Optional<Long> before, Optional<Long> after, int limit,
            boolean ascending) {
        StringBuilder sql = new StringBuilder("SELECT " + MessageSummaries.COLUMNS + " FROM audit_message m WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.from().isPresent()) {
            // a message's time is its first entry's: those from `from` on start at or after the first entry then
            Optional<Long> first = times.firstAtOrAfter(filter.from().get());
            if (first.isEmpty()) {
                return List.of();
            }
            if (times.anyBefore(first.get())) { // else older messages may have lost their first entries
                sql.append(" AND m.first_seq >= ?");
                args.add(first.get());
            }
            sql.append(" AND m.received_at >= ?");
            args.add(EntryRows.timestamp(filter.from().get()));
        }
        if (filter.to().isPresent()) {
            times.firstAtOrAfter(filter.to().get()).ifPresent(end -> {
                sql.append(" AND m.first_seq < ?");
                args.add(end);
            });
            sql.append(" AND m.received_at < ?");
            args.add(EntryRows.timestamp(filter.to().get()));
        }
        before.ifPresent(b -> {
            sql.append(" AND m.first_seq < ?");
            args.add(b);
        });
        after.ifPresent(a -> {
            sql.append(" AND m.first_seq > ?");
            args.add(a);
        });
        for (AuditFilter.Term term : filter.terms()) {
            sql.append(" AND EXISTS (SELECT 1 FROM audit_entry e JOIN audit_term t ON t.seq = e.seq "
                    + "WHERE e.queue_id = m.queue_id AND t.kind = ? AND t.term = ?)");
            args.add(term.kind());
            args.add(term.term());
        }
        sql.append(" ORDER BY m.first_seq ").append(ascending ? "ASC" : "DESC").append(" LIMIT ").append(limit);
        return jdbc.query(sql.toString(), MessageQueries::map, args.toArray());
    }

    private static MessageSummary map(ResultSet rs, int row) throws SQLException {
        List<MessageSummary.Recipient> recipients = new ArrayList<>();
        Object list = CanonicalJson.parseObject(rs.getString("recipients")).get("recipients");
        if (list instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Map<?, ?> m) {
                    recipients.add(new MessageSummary.Recipient(String.valueOf(m.get("address")), text(m, "field"),
                            text(m, "displayName"), text(m, "name"), text(m, "organization"), text(m, "department")));
                }
            }
        }
        String rules = rs.getString("rules");
        return new MessageSummary(rs.getString("queue_id"), rs.getLong("first_seq"),
                rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("sender"),
                Optional.ofNullable(rs.getString("subject")), recipients,
                rules.isBlank() ? List.of() : Arrays.asList(rules.split(" ")),
                Optional.ofNullable(rs.getString("verdict_action")), Optional.ofNullable(rs.getString("decision")),
                Optional.ofNullable(rs.getString("decided_by")),
                Optional.ofNullable(rs.getObject("secs_to_decide", Long.class)),
                Boolean.TRUE.equals(rs.getObject("possibly_automated", Boolean.class)), rs.getInt("delivered_n"),
                rs.getInt("deferred_n"), rs.getInt("bounced_n"), rs.getInt("notices_n"));
    }

    private static Optional<String> text(Map<?, ?> m, String key) {
        return m.get(key) instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }
}
