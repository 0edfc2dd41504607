package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes of the hold records ({@code confirm_*} tables, {@code V400__confirmation.sql}).
 *
 * <p>Every change of state is a conditional UPDATE that names the states it may leave; the return
 * value says whether this call made the change. Two callers racing for the same hold (two browser
 * tabs, two instances on one PostgreSQL, a decision and the expiry job) therefore see exactly one
 * {@code true}. Callers that must do something else atomically with the change (move the spool
 * file) call these inside their own transaction.
 */
public final class HoldStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public HoldStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /**
     * Stores a new hold with its recipients, findings and attachment names, in one transaction.
     *
     * @return false when a hold with this queue id exists already (a message re-checked after a restart)
     */
    public boolean insert(HeldMessage hold) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE queue_id = ?", Integer.class,
                hold.queueId());
        if (existing != null && existing > 0) {
            return false;
        }
        try {
            insertNew(hold);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return false;
        }
    }

    private void insertNew(HeldMessage hold) {
        transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO confirm_hold (queue_id, message_sha256, mail_from, auth_user, notify_to, subject,"
                    + " message_id, opening_lines, verdict_action, approval, state, created_at, expires_at, deliver_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    hold.queueId(), hold.messageSha256(), hold.sender().toSmtpPath(),
                    hold.authenticatedUser().map(u -> Sql.cut(u, 320)).orElse(null),
                    hold.notifyTo().map(MailAddress::toString).orElse(null), Sql.cut(hold.subject(), 4000),
                    hold.messageId().map(id -> Sql.cut(id, 1000)).orElse(null), Sql.cut(hold.openingLines(), 4000),
                    hold.verdictAction().name(), hold.approval().name(), hold.state().name(),
                    Sql.time(hold.times().createdAt()), Sql.time(hold.times().expiresAt()),
                    Sql.time(hold.times().deliverAt()));
            insertRecipients(hold);
            insertFindings(hold);
            List<Object[]> names = new ArrayList<>();
            for (int i = 0; i < hold.attachmentNames().size(); i++) {
                names.add(new Object[] {hold.queueId(), i, Sql.cut(hold.attachmentNames().get(i), 1000)});
            }
            jdbc.batchUpdate("INSERT INTO confirm_attachment (queue_id, seq_no, file_name) VALUES (?, ?, ?)", names);
        });
    }

    private void insertRecipients(HeldMessage hold) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < hold.recipients().size(); i++) {
            HeldRecipient r = hold.recipients().get(i);
            Optional<RecipientIdentity> who = r.identity();
            rows.add(new Object[] {hold.queueId(), i, Sql.cut(r.address(), 1000), r.role().name(),
                    Sql.cut(r.displayName(), 1000), r.inEnvelope(), r.flagged(),
                    who.map(w -> w.status().name()).orElse(null),
                    who.flatMap(RecipientIdentity::name).map(n -> Sql.cut(n, 400)).orElse(null),
                    who.flatMap(RecipientIdentity::organization).map(n -> Sql.cut(n, 400)).orElse(null),
                    who.flatMap(RecipientIdentity::department).map(n -> Sql.cut(n, 400)).orElse(null),
                    who.map(RecipientIdentity::internal).orElse(null)});
        }
        jdbc.batchUpdate("INSERT INTO confirm_recipient (queue_id, seq_no, address, header_field, display_name,"
                + " in_envelope, flagged, standing, person_name, organization, department, internal_address)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private void insertFindings(HeldMessage hold) {
        List<Object[]> findings = new ArrayList<>();
        List<Object[]> evidence = new ArrayList<>();
        for (int i = 0; i < hold.findings().size(); i++) {
            Finding f = hold.findings().get(i);
            findings.add(new Object[] {hold.queueId(), i, Sql.cut(f.ruleId(), 100), f.severity().name(),
                    f.recipient().map(MailAddress::toString).orElse(null), Sql.cut(f.explanationJa(), 2000),
                    Sql.cut(f.explanationEn(), 2000)});
            for (Map.Entry<String, String> e : f.evidence().entrySet()) {
                evidence.add(new Object[] {hold.queueId(), i, Sql.cut(e.getKey(), 200),
                        Sql.cut(String.valueOf(e.getValue()), 2000)});
            }
        }
        jdbc.batchUpdate("INSERT INTO confirm_finding (queue_id, seq_no, rule_id, severity, recipient, explanation_ja,"
                + " explanation_en) VALUES (?, ?, ?, ?, ?, ?, ?)", findings);
        jdbc.batchUpdate("INSERT INTO confirm_evidence (queue_id, finding_no, ev_key, ev_value) VALUES (?, ?, ?, ?)",
                evidence);
    }

    /**
     * Moves a hold from one of {@code from} to {@code to} and records who decided and how it ended.
     *
     * @return true when this call made the change; false when the hold was in no state of {@code from}
     */
    public boolean transition(String queueId, Collection<HoldState> from, HoldState to, String outcome,
            Decided decided, Instant at) {
        String states = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
        return jdbc.update("UPDATE confirm_hold SET state = ?, outcome = ?, decided_at = ?, decided_by = ?,"
                + " decided_ip = ?, decided_agent = ?, decided_seconds = ?, possibly_automated = ?"
                + (to.isWaiting() ? "" : ", opening_lines = ''")
                + " WHERE queue_id = ? AND state IN (" + states + ")",
                to.name(), outcome, Sql.time(at), Sql.cut(decided.by(), 320), decided.ip().orElse(null),
                decided.userAgent().orElse(null), decided.seconds(), decided.possiblyAutomated(), queueId) == 1;
    }

    /** Records, per envelope recipient, whether it was confirmed or dropped. */
    public void recordDecisions(String queueId, List<MailAddress> confirmed, List<MailAddress> dropped) {
        List<Object[]> rows = new ArrayList<>();
        confirmed.forEach(a -> rows.add(new Object[] {"CONFIRMED", queueId, a.toString()}));
        dropped.forEach(a -> rows.add(new Object[] {"DROPPED", queueId, a.toString()}));
        jdbc.batchUpdate("UPDATE confirm_recipient SET decision = ? WHERE queue_id = ? AND address = ? AND in_envelope",
                rows);
    }

    /** Records what the sender changed for some envelope recipients (send instead, send as Bcc). */
    public void recordChanges(String queueId, Map<MailAddress, RecipientChange> changes) {
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((address, change) -> rows.add(new Object[] {change.kind().name(),
                change.instead().map(MailAddress::toString).orElse(null), queueId, address.toString()}));
        jdbc.batchUpdate("UPDATE confirm_recipient SET change_kind = ?, sent_instead = ? WHERE queue_id = ?"
                + " AND address = ? AND in_envelope", rows);
    }

    /**
     * Records which spool (instance) copied the bytes of a released hold to deliver them, in the
     * transaction of the release: that instance finishes a release cut short; others leave it alone.
     */
    public void releasedInto(String queueId, String spool) {
        jdbc.update("UPDATE confirm_hold SET released_into = ? WHERE queue_id = ?", Sql.cut(spool, 100), queueId);
    }

    /**
     * Leases the scheduler's work on a hold (notice, reminder, expiry, delayed release) to one instance
     * until {@code until}: a conditional UPDATE that succeeds when nobody holds an unexpired lease, so
     * of several instances looking at a due hold one does the work, and the lease of an instance that
     * died runs out and another one takes over. The work itself still claims its step with a
     * conditional UPDATE (so it happens once even when a lease runs out mid-way).
     *
     * @return true when this instance now holds the lease
     */
    public boolean lease(String queueId, String owner, Instant now, Instant until) {
        return jdbc.update("UPDATE confirm_hold SET lease_owner = ?, lease_until = ? WHERE queue_id = ?"
                + " AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)", Sql.cut(owner, 100),
                Sql.time(until), queueId, Sql.time(now), Sql.cut(owner, 100)) == 1;
    }

    /** Gives a lease back when the work is done (or failed), so that the next tick anywhere may try again. */
    public void endLease(String queueId, String owner) {
        jdbc.update("UPDATE confirm_hold SET lease_owner = NULL, lease_until = NULL WHERE queue_id = ?"
                + " AND lease_owner = ?", queueId, Sql.cut(owner, 100));
    }

    /** Claims the first notification of a hold; false when it was claimed before (here or on another instance). */
    public boolean claimNotification(String queueId, Instant at) {
        return jdbc.update("UPDATE confirm_hold SET notified_at = ? WHERE queue_id = ? AND notified_at IS NULL",
                Sql.time(at), queueId) == 1;
    }

    /** Claims the one reminder of a hold; false when it was claimed before. */
    public boolean claimReminder(String queueId, Instant at) {
        return jdbc.update("UPDATE confirm_hold SET reminded_at = ? WHERE queue_id = ? AND reminded_at IS NULL"
                + " AND state = 'HELD'", Sql.time(at), queueId) == 1;
    }

    /** Stores a request to add an address to the directory; false when the same one was requested before. */
    public boolean requestDirectoryEntry(String queueId, MailAddress address, String displayName, String note,
            String requestedBy, Instant at) {
        Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM confirm_directory_request WHERE queue_id = ?"
                + " AND address = ?", Integer.class, queueId, address.toString());
        if (existing != null && existing > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO confirm_directory_request (queue_id, address, display_name, note, requested_by,"
                    + " requested_at, status) VALUES (?, ?, ?, ?, ?, ?, 'OPEN')", queueId, address.toString(),
                    Sql.cut(displayName, 1000), Sql.cut(note, 1000), Sql.cut(requestedBy, 320), Sql.time(at));
            return true;
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            return false;
        }
    }

    /**
     * Decides an open directory-entry request: {@code APPROVED} or {@code REJECTED}, by whom and
     * when. A conditional UPDATE: true for the one decision that found the request open, false for
     * any later (or concurrent) one.
     */
    public boolean decideDirectoryRequest(long id, boolean approved, String by, Instant at) {
        return jdbc.update("UPDATE confirm_directory_request SET status = ?, decided_by = ?, decided_at = ?"
                + " WHERE id = ? AND status = 'OPEN'", approved ? "APPROVED" : "REJECTED", Sql.cut(by, 320),
                Sql.time(at), id) == 1;
    }

    /** Gives an approval back (the contact could not be added), so that the request is open again. */
    public void reopenDirectoryRequest(long id, Instant decidedAt) {
        jdbc.update("UPDATE confirm_directory_request SET status = 'OPEN', decided_by = NULL, decided_at = NULL"
                + " WHERE id = ? AND status = 'APPROVED' AND decided_at = ?", id, Sql.time(decidedAt));
    }

    /**
     * Puts off every notification mail about this hold until {@code until} (the sender's hourly
     * cap was reached); true when this call changed the time (so the caller logs it once).
     */
    public boolean putOffNotices(String queueId, Instant until) {
        return jdbc.update("UPDATE confirm_hold SET notice_not_before = ? WHERE queue_id = ?"
                + " AND (notice_not_before IS NULL OR notice_not_before < ?)", Sql.time(until), queueId,
                Sql.time(until)) == 1;
    }
}
