package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads of the hold records: one hold with everything shown about it, and the short lists the
 * scheduler and the sender's own page ask for. Lists are bounded by the caller's {@code limit}.
 */
public final class HoldQueries {

    private static final String NOT_PUT_OFF = " AND (notice_not_before IS NULL OR notice_not_before <= ?)";
    private final JdbcTemplate jdbc;

    public HoldQueries(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The hold of this queue id, if there is one. */
    public Optional<HeldMessage> find(String queueId) {
        List<HeldMessage> found = jdbc.query("SELECT * FROM confirm_hold WHERE queue_id = ?",
                (rs, n) -> hold(rs, queueId), queueId);
        return found.stream().findFirst();
    }

    /**
     * Holds whose first notification has not gone out yet, oldest first, leaving out those whose
     * notices the sender's hourly cap put off past {@code now}.
     */
    public List<String> awaitingNotification(Instant now, int limit) {
        return ids("state IN ('HELD', 'DELAYED') AND notified_at IS NULL" + NOT_PUT_OFF + " ORDER BY created_at",
                limit, Sql.time(now));
    }

    /**
     * Unattended holds created at or before {@code createdBefore} that have had no reminder, leaving
     * out those whose notices the sender's hourly cap put off past {@code now}.
     */
    public List<String> dueForReminder(Instant createdBefore, Instant now, int limit) {
        return ids("state = 'HELD' AND reminded_at IS NULL AND notified_at IS NOT NULL AND created_at <= ?"
                + NOT_PUT_OFF + " ORDER BY created_at", limit, Sql.time(createdBefore), Sql.time(now));
    }

    /**
     * When notification mails (first notices and reminders) about holds of this envelope sender
     * went out at or after {@code since}, oldest first.
     */
    public List<Instant> noticesSince(ReversePath sender, Instant since) {
        String mailFrom = sender.toSmtpPath();
        return jdbc.query("SELECT notified_at AS t FROM confirm_hold WHERE mail_from = ? AND notified_at >= ?"
                + " UNION ALL SELECT reminded_at AS t FROM confirm_hold WHERE mail_from = ? AND reminded_at >= ?",
                (rs, n) -> Sql.instant(rs, "t"), mailFrom, Sql.time(since), mailFrom, Sql.time(since))
                .stream().sorted().toList();
    }

    /** How many holds of this envelope sender still wait for somebody (held, awaiting approval, delayed). */
    public int openHoldsOf(ReversePath sender) {
        String mailFrom = sender.toSmtpPath();
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE mail_from = ?"
                + " AND state IN ('HELD', 'AWAITING_APPROVAL', 'DELAYED')", Integer.class, mailFrom);
        return n == null ? 0 : n;
    }

    /** One directory-entry request, whatever its status. */
    public Optional<DirectoryRequest> directoryRequest(long id) {
        return jdbc.query("SELECT * FROM confirm_directory_request WHERE id = ?", this::request, id).stream()
                .findFirst();
    }

    /** The state of the hold of each of these queue ids that has one (for reconciling the spool with the records). */
    /** The spool (instance) that copied a released hold's bytes to deliver them; empty before issue 13's change. */
    public Optional<String> releasedInto(String queueId) {
        return jdbc.query("SELECT released_into FROM confirm_hold WHERE queue_id = ?",
                rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty(), queueId);
    }

    public Map<String, HoldState> statesOf(List<String> queueIds) {
        Map<String, HoldState> states = new HashMap<>();
        for (int from = 0; from < queueIds.size(); from += 500) {
            List<String> chunk = queueIds.subList(from, Math.min(queueIds.size(), from + 500));
            jdbc.query("SELECT queue_id, state FROM confirm_hold WHERE queue_id IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> {
                        states.put(rs.getString(1), HoldState.valueOf(rs.getString(2)));
                    }, chunk.toArray());
        }
        return states;
    }

    /** Every hold somebody may still decide (held, awaiting approval, delayed) created before {@code before}. */
    public List<String> waitingSince(Instant before) {
        return jdbc.queryForList("SELECT queue_id FROM confirm_hold WHERE state IN ('HELD', 'AWAITING_APPROVAL',"
                + " 'DELAYED') AND created_at < ? ORDER BY created_at", String.class, Sql.time(before));
    }

    /** Holds still waiting for somebody whose expiry has come. */
    public List<String> expired(Instant now, int limit) {
        return ids("state IN ('HELD', 'AWAITING_APPROVAL') AND expires_at <= ? ORDER BY expires_at", limit,
                Sql.time(now));
    }

    /** Delayed messages whose grace period is over. */
    public List<String> delayedDue(Instant now, int limit) {
        return ids("state = 'DELAYED' AND deliver_at <= ? ORDER BY deliver_at", limit, Sql.time(now));
    }

    /**
     * The newest holds of one sender: messages the SMTP user {@code user} submitted, or whose envelope
     * sender is one of {@code addresses} ({@code *@domain} matches a whole domain).
     */
    public List<HeldMessage> heldBy(String user, List<String> addresses, int limit) {
        StringBuilder where = new StringBuilder("auth_user = ?");
        List<Object> args = new ArrayList<>(List.of(user));
        for (String a : addresses) {
            if (a.startsWith("*@")) {
                where.append(" OR LOWER(mail_from) LIKE ?");
                args.add("%@" + a.substring(2).toLowerCase(java.util.Locale.ROOT) + ">");
            } else {
                where.append(" OR LOWER(mail_from) = ?");
                args.add("<" + a.toLowerCase(java.util.Locale.ROOT) + ">");
            }
        }
        args.add(limit);
        List<String> ids = jdbc.queryForList("SELECT queue_id FROM confirm_hold WHERE " + where
                + " ORDER BY created_at DESC, queue_id DESC FETCH FIRST ? ROWS ONLY", String.class, args.toArray());
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** Holds still waiting for a decision (held, awaiting approval, delayed), oldest first. */
    public List<HeldMessage> open(int limit) {
        return ids("state IN ('HELD', 'AWAITING_APPROVAL', 'DELAYED') ORDER BY created_at, queue_id", limit).stream()
                .map(this::find).flatMap(Optional::stream).toList();
    }

    /** How many holds wait for a decision now. */
    public long openCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE state IN ('HELD', 'AWAITING_APPROVAL', "
                + "'DELAYED')", Long.class);
        return n == null ? 0 : n;
    }

    /** Open requests to add an address to the directory, oldest first. */
    public List<DirectoryRequest> openDirectoryRequests(int limit) {
        return jdbc.query("SELECT * FROM confirm_directory_request WHERE status = 'OPEN' ORDER BY requested_at, id"
                + " FETCH FIRST ? ROWS ONLY", this::request, limit);
    }

    private DirectoryRequest request(ResultSet rs, int row) throws SQLException {
        return new DirectoryRequest(rs.getLong("id"), rs.getString("queue_id"), rs.getString("address"),
                rs.getString("display_name"), rs.getString("note"), rs.getString("requested_by"),
                Sql.instant(rs, "requested_at"), rs.getString("status"));
    }

    /** The addresses already requested for this hold. */
    public List<String> requestedAddresses(String queueId) {
        return jdbc.queryForList("SELECT address FROM confirm_directory_request WHERE queue_id = ?", String.class,
                queueId);
    }

    private List<String> ids(String condition, int limit, Object... args) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = limit;
        return jdbc.queryForList("SELECT queue_id FROM confirm_hold WHERE " + condition + " FETCH FIRST ? ROWS ONLY",
                String.class, all);
    }

    private HeldMessage hold(ResultSet rs, String queueId) throws SQLException {
        HoldTimes times = new HoldTimes(Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"),
                Sql.optionalInstant(rs, "deliver_at"), Sql.optionalInstant(rs, "notified_at"),
                Sql.optionalInstant(rs, "reminded_at"), Sql.optionalInstant(rs, "decided_at"));
        Optional<Decided> decided = Sql.optionalString(rs, "decided_by").map(by -> {
            try {
                return new Decided(by, Sql.optionalString(rs, "decided_ip"), Sql.optionalString(rs, "decided_agent"),
                        rs.getLong("decided_seconds"), rs.getBoolean("possibly_automated"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return new HeldMessage(queueId, rs.getString("message_sha256"), reversePath(rs.getString("mail_from")),
                Sql.optionalString(rs, "auth_user"), Sql.optionalString(rs, "notify_to").map(MailAddress::of),
                rs.getString("subject"), Sql.optionalString(rs, "message_id"),
                Objects.requireNonNullElse(rs.getString("opening_lines"), ""),
                Action.valueOf(rs.getString("verdict_action")), Approval.valueOf(rs.getString("approval")),
                HoldState.valueOf(rs.getString("state")), Sql.optionalString(rs, "outcome"), times, decided,
                recipients(queueId), findings(queueId), attachments(queueId));
    }

    private static ReversePath reversePath(String path) {
        return path.equals("<>") ? ReversePath.NULL
                : ReversePath.of(MailAddress.of(path.substring(1, path.length() - 1)));
    }

    private List<HeldRecipient> recipients(String queueId) {
        return jdbc.query("SELECT * FROM confirm_recipient WHERE queue_id = ? ORDER BY seq_no", (rs, n) -> {
            String address = rs.getString("address");
            Optional<String> standing = Sql.optionalString(rs, "standing");
            Optional<RecipientIdentity> identity = standing.isEmpty() ? Optional.empty()
                    : Optional.of(new RecipientIdentity(DirectoryStatus.valueOf(standing.get()),
                            Sql.optionalString(rs, "person_name"), Sql.optionalString(rs, "organization"),
                            Sql.optionalString(rs, "department"), rs.getBoolean("internal_address")));
            Optional<String> kind = Sql.optionalString(rs, "change_kind");
            Optional<MailAddress> instead = parse(Objects.requireNonNullElse(rs.getString("sent_instead"), ""));
            Optional<RecipientChange> change = kind.map(k -> new RecipientChange(RecipientChange.Kind.valueOf(k),
                    k.equals(RecipientChange.Kind.SENT_INSTEAD.name()) ? instead : Optional.empty()));
            return new HeldRecipient(address, parse(address), HeaderRole.valueOf(rs.getString("header_field")),
                    rs.getString("display_name"), rs.getBoolean("in_envelope"), rs.getBoolean("flagged"),
                    Sql.optionalString(rs, "decision").map(HeldRecipient.RecipientDecision::valueOf), identity,
                    change);
        }, queueId);
    }

    private static Optional<MailAddress> parse(String address) {
        try {
            return Optional.of(MailAddress.parse(address));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    private List<Finding> findings(String queueId) {
        Map<Integer, Map<String, String>> evidence = new HashMap<>();
        jdbc.query("SELECT finding_no, ev_key, ev_value FROM confirm_evidence WHERE queue_id = ? ORDER BY ev_key",
                rs -> {
                    evidence.computeIfAbsent(rs.getInt("finding_no"), k -> new LinkedHashMap<>())
                            .put(rs.getString("ev_key"), rs.getString("ev_value"));
                }, queueId);
        return jdbc.query("SELECT * FROM confirm_finding WHERE queue_id = ? ORDER BY seq_no", (rs, n) -> new Finding(
                rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")),
                parse(Objects.requireNonNullElse(rs.getString("recipient"), "")), rs.getString("explanation_ja"),
                rs.getString("explanation_en"), evidence.getOrDefault(rs.getInt("seq_no"), Map.of())), queueId);
    }

    private List<String> attachments(String queueId) {
        return jdbc.queryForList("SELECT file_name FROM confirm_attachment WHERE queue_id = ? ORDER BY seq_no",
                String.class, queueId);
    }
}
