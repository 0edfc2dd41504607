package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.AdminAction;
import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.HoldDecided;
import com.misdeliveryguard.core.audit.HoldExpired;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.audit.NoticeQueued;
import com.misdeliveryguard.core.audit.RecipientOutcome;
import com.misdeliveryguard.core.audit.RecipientsDelivered;
import com.misdeliveryguard.core.audit.VerdictGiven;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code audit_message} — one row per message that came in over SMTP — in step with the
 * entries: the {@code received} entry opens the row (sender, subject, envelope recipients), the
 * verdict adds what the directory knew of each recipient and the rules that fired, decisions,
 * expiry, administrator actions, notices and upstream results update it. The guard's own mails
 * (notices, DSNs) never get a row: they appear inside the history of the message they are about.
 *
 * <p>Called under the chain lock like {@link DailyStatistics}; the rows a batch touches are read once
 * and written once (batched), so the benchmark's million-entry appends stay cheap.
 */
final class MessageSummaries {

    static final String COLUMNS = "queue_id, first_seq, last_seq, received_at, sender, subject, recipients, "
            + "recipient_count, rules, verdict_action, decision, decided_by, secs_to_decide, possibly_automated, "
            + "delivered_n, deferred_n, bounced_n, notices_n";
    private static final String INSERT = "INSERT INTO audit_message (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE audit_message SET last_seq = ?, subject = ?, recipients = ?, "
            + "recipient_count = ?, rules = ?, verdict_action = ?, decision = ?, decided_by = ?, secs_to_decide = ?, "
            + "possibly_automated = ?, delivered_n = ?, deferred_n = ?, bounced_n = ?, notices_n = ? WHERE queue_id = ?";
    /** What a batch of upstream results and notices changes: counters only, so the row need not be read first. */
    private static final String COUNT = "UPDATE audit_message SET last_seq = CASE WHEN last_seq < ? THEN ? ELSE last_seq END,"
            + " delivered_n = delivered_n + ?, deferred_n = deferred_n + ?, bounced_n = bounced_n + ?,"
            + " notices_n = notices_n + ? WHERE queue_id = ?";
    private static final int CHUNK = 500;

    private record Pending(LogEntry entry, AuditEvent event) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Remembers an entry for {@link #flush}. */
    void add(LogEntry entry, AuditEvent event) {
        if (event.queue().isPresent() && matters(event)) {
            pending.add(new Pending(entry, event));
        }
    }

    private static boolean matters(AuditEvent event) {
        return event instanceof MessageReceived r && !r.generatedByGuard() || event instanceof VerdictGiven
                || event instanceof HoldDecided || event instanceof HoldExpired || counted(event)
                || event instanceof AdminAction;
    }

    void flush(JdbcTemplate jdbc) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> byMessage = pending.stream().collect(Collectors.groupingBy(
                p -> p.event().queue().orElseThrow(), LinkedHashMap::new, Collectors.toList()));
        List<Object[]> counts = new ArrayList<>();
        for (Iterator<List<Pending>> messages = byMessage.values().iterator(); messages.hasNext(); ) {
            List<Pending> events = messages.next();
            if (events.stream().allMatch(p -> counted(p.event()))) {
                counts.add(countArgs(events));
                messages.remove();
            }
        }
        if (!counts.isEmpty()) {
            jdbc.batchUpdate(COUNT, counts); // a message without a row (the guard's own mail) matches nothing
        }
        if (!byMessage.isEmpty()) {
            write(jdbc, byMessage);
        }
        pending.clear();
    }

    /** An event that only counts: a delivery result or a notice. */
    private static boolean counted(AuditEvent event) {
        return event instanceof RecipientsDelivered || event instanceof RecipientOutcome
                || event instanceof NoticeQueued;
    }

    private static Object[] countArgs(List<Pending> events) {
        long last = 0;
        Counts counts = new Counts();
        for (Pending p : events) {
            last = Math.max(last, p.entry().seq());
            counts.add(p.event());
        }
        String id = events.get(0).event().queue().orElseThrow();
        return new Object[] {last, last, counts.delivered, counts.deferred, counts.bounced, counts.notices, id};
    }

    /** A message's delivery results and notices as its row counts them: {@code delivered} per recipient. */
    private static final class Counts {
        int delivered;
        int deferred;
        int bounced;
        int notices;

        /** Adds an event that {@link #counted} says counts; others change nothing. */
        void add(AuditEvent event) {
            if (event instanceof RecipientsDelivered d) {
                delivered += d.recipients().size();
            } else if (event instanceof RecipientOutcome o) {
                if (o.type() == EventType.BOUNCED) {
                    bounced++;
                } else {
                    deferred++;
                }
            } else if (event instanceof NoticeQueued) {
                notices++;
            }
        }
    }

    /** Reads the rows of these messages, applies their entries and writes the rows back (or opens them). */
    private static void write(JdbcTemplate jdbc, Map<String, List<Pending>> byMessage) {
        Map<String, MessageRow> rows = load(jdbc, byMessage.keySet());
        Set<String> created = new LinkedHashSet<>();
        for (Pending p : byMessage.values().stream().flatMap(List::stream).toList()) {
            LogEntry entry = p.entry();
            AuditEvent event = p.event();
            String id = event.queue().orElseThrow();
            MessageRow row = rows.get(id);
            if (row == null) {
                if (!(event instanceof MessageReceived || event instanceof VerdictGiven)) {
                    continue; // the guard's own mail, or a message from before the message view existed
                }
                row = MessageRow.open(id, entry, event);
                rows.put(id, row);
                created.add(id);
            }
            apply(row, entry, event);
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (MessageRow row : rows.values()) {
            if (created.contains(row.queueId)) {
                inserts.add(row.insertArgs());
            } else if (row.changed) {
                updates.add(row.updateArgs());
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(UPDATE, updates);
        }
    }

    private static Map<String, MessageRow> load(JdbcTemplate jdbc, Set<String> ids) {
        Map<String, MessageRow> rows = new LinkedHashMap<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            String in = chunk.stream().map(x -> "?").collect(Collectors.joining(","));
            jdbc.query("SELECT " + COLUMNS + " FROM audit_message WHERE queue_id IN (" + in + ")",
                    (ResultSet rs) -> {
                        MessageRow row = MessageRow.read(rs);
                        rows.put(row.queueId, row);
                    }, chunk.toArray());
        }
        return rows;
    }

    private static void apply(MessageRow row, LogEntry entry, AuditEvent event) {
        row.lastSeq = Math.max(row.lastSeq, entry.seq());
        row.changed = true;
        if (event instanceof MessageReceived r) {
            r.facts().ifPresent(f -> row.subject = EntryRows.cut(f.subject()));
        } else if (event instanceof VerdictGiven v) {
            row.action = v.action().name().toLowerCase(Locale.ROOT);
            row.recipients = recipients(v);
            row.recipientCount = v.recipients().size();
            row.rules = v.findings().stream().map(Finding::ruleId).distinct().collect(Collectors.joining(" "));
        } else if (event instanceof HoldDecided d) {
            row.decision = d.type().code();
            row.decidedBy = d.who().name();
            row.secs = d.timeToDecide().toSeconds();
            row.automated = d.possiblyAutomated();
        } else if (event instanceof HoldExpired) {
            row.decision = "expired";
        } else if (event instanceof AdminAction a && (a.action().equals("release") || a.action().equals("discard"))) {
            row.decision = a.action().equals("release") ? "released-by-admin" : "discarded-by-admin";
            row.decidedBy = a.who().name();
        } else if (counted(event)) {
            row.counts.add(event);
        }
    }

    private static String recipients(VerdictGiven v) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (VerdictGiven.Recipient r : v.recipients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", r.address().toString());
            m.put("field", r.field());
            if (!r.displayName().isBlank()) {
                m.put("displayName", r.displayName());
            }
            r.match().ifPresent(match -> {
                m.put("class", match.classification().name().toLowerCase(Locale.ROOT));
                match.name().ifPresent(n -> m.put("name", n));
                match.organization().ifPresent(o -> m.put("organization", o));
                match.department().ifPresent(d -> m.put("department", d));
            });
            list.add(m);
        }
        return CanonicalJson.write(Map.of("recipients", list));
    }

    /** A row being changed in memory. */
    private static final class MessageRow {
        String queueId;
        long firstSeq;
        long lastSeq;
        java.time.Instant receivedAt;
        String sender;
        String subject;
        String recipients;
        int recipientCount;
        String rules = "";
        String action;
        String decision;
        String decidedBy;
        Long secs;
        Boolean automated;
        final Counts counts = new Counts();
        boolean changed;

        static MessageRow open(String id, LogEntry entry, AuditEvent event) {
            MessageRow row = new MessageRow();
            row.queueId = id;
            row.firstSeq = entry.seq();
            row.lastSeq = entry.seq();
            row.receivedAt = entry.time();
            if (event instanceof MessageReceived r) {
                row.sender = DailyStatistics.sender(r.envelope().sender());
                List<MailAddress> rcpts = r.envelope().recipients();
                row.recipients = CanonicalJson.write(Map.of("recipients", rcpts.stream()
                        .map(a -> Map.<String, Object>of("address", a.toString())).toList()));
                row.recipientCount = rcpts.size();
            } else {
                row.sender = DailyStatistics.sender(((VerdictGiven) event).sender());
                row.recipients = "{\"recipients\":[]}";
            }
            return row;
        }

        static MessageRow read(ResultSet rs) throws SQLException {
            MessageRow row = new MessageRow();
            row.queueId = rs.getString("queue_id");
            row.firstSeq = rs.getLong("first_seq");
            row.lastSeq = rs.getLong("last_seq");
            row.receivedAt = rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant();
            row.sender = rs.getString("sender");
            row.subject = rs.getString("subject");
            row.recipients = rs.getString("recipients");
            row.recipientCount = rs.getInt("recipient_count");
            row.rules = rs.getString("rules");
            row.action = rs.getString("verdict_action");
            row.decision = rs.getString("decision");
            row.decidedBy = rs.getString("decided_by");
            row.secs = (Long) rs.getObject("secs_to_decide", Long.class);
            row.automated = (Boolean) rs.getObject("possibly_automated", Boolean.class);
            row.counts.delivered = rs.getInt("delivered_n");
            row.counts.deferred = rs.getInt("deferred_n");
            row.counts.bounced = rs.getInt("bounced_n");
            row.counts.notices = rs.getInt("notices_n");
            return row;
        }

        Object[] insertArgs() {
            return new Object[] {queueId, firstSeq, lastSeq, EntryRows.timestamp(receivedAt), EntryRows.cut(sender),
                    subject, recipients, recipientCount, rules, action, decision, decidedBy, secs, automated,
                    counts.delivered, counts.deferred, counts.bounced, counts.notices};
        }

        Object[] updateArgs() {
            return new Object[] {lastSeq, subject, recipients, recipientCount, rules, action, decision, decidedBy, secs,
                    automated, counts.delivered, counts.deferred, counts.bounced, counts.notices, queueId};
        }
    }
}
