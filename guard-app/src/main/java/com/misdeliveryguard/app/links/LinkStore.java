package com.misdeliveryguard.app.links;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** The link tables (V640): requests, sendings, files, recipients and downloads. Plain JDBC, no caching. */
final class LinkStore {

    /** What the check said about a message: why links (policy, rule, none) and which rules fired. */
    record Request(String queueId, String reason, List<String> rules) {
    }

    private final JdbcTemplate jdbc;

    LinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void recordRequest(String queueId, String reason, List<String> rules, Instant now) {
        jdbc.update("DELETE FROM link_request WHERE queue_id = ?", queueId);
        jdbc.update("INSERT INTO link_request (queue_id, reason, rules, created_at) VALUES (?, ?, ?, ?)", queueId,
                reason, String.join(",", rules), Timestamp.from(now));
    }

    Optional<Request> request(String queueId) {
        return jdbc.query("SELECT queue_id, reason, rules FROM link_request WHERE queue_id = ?",
                (rs, n) -> new Request(rs.getString(1), rs.getString(2), split(rs.getString(3))), queueId)
                .stream().findFirst();
    }

    void forgetRequest(String queueId) {
        jdbc.update("DELETE FROM link_request WHERE queue_id = ?", queueId);
    }

    int forgetRequestsBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM link_request WHERE created_at < ?", Timestamp.from(cutoff));
    }

    void insertSending(Sending s, String senderTokenHash) {
        jdbc.update("INSERT INTO link_sending (queue_id, sender, subject, message_id, rules, japanese, sent_at, "
                + "expires_at, max_downloads, sender_token_hash, state, receipt_sent) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'READY', FALSE)", s.queueId(), s.sender(),
                cut(s.subject(), 1000), s.messageId().map(m -> cut(m, 1000)).orElse(null), String.join(",", s.rules()),
                s.japanese(), Timestamp.from(s.sentAt()), Timestamp.from(s.expiresAt()), s.maxDownloads(),
                senderTokenHash);
    }

    long insertFile(String queueId, int part, String name, String contentType) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var ps = c.prepareStatement("INSERT INTO link_file (queue_id, part, file_name, content_type, size_bytes, "
                    + "sha256) VALUES (?, ?, ?, ?, 0, '')", new String[] {"id"});
            ps.setString(1, queueId);
            ps.setInt(2, part);
            ps.setString(3, cut(name, 1000));
            ps.setString(4, cut(contentType, 255));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    void completeFile(long id, long size, String sha256) {
        jdbc.update("UPDATE link_file SET size_bytes = ?, sha256 = ? WHERE id = ?", size, sha256, id);
    }

    void deleteFile(long id) {
        jdbc.update("DELETE FROM link_chunk WHERE file_id = ?", id);
        jdbc.update("DELETE FROM link_file WHERE id = ?", id);
    }

    void insertRecipient(String queueId, String address, String tokenHash) {
        jdbc.update("INSERT INTO link_recipient (queue_id, address, token_hash) VALUES (?, ?, ?)", queueId, address,
                tokenHash);
    }

    Optional<Sending> sending(String queueId) {
        return jdbc.query("SELECT * FROM link_sending WHERE queue_id = ?", LinkStore::sending, queueId).stream()
                .findFirst();
    }

    Optional<Sending> sendingBySenderToken(String tokenHash) {
        return jdbc.query("SELECT * FROM link_sending WHERE sender_token_hash = ?", LinkStore::sending, tokenHash)
                .stream().findFirst();
    }

    List<Sending> sendingsFrom(List<String> senders, int limit) {
        if (senders.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", senders.stream().map(s -> "?").toList());
        return jdbc.query("SELECT * FROM link_sending WHERE LOWER(sender) IN (" + in + ") ORDER BY sent_at DESC "
                + "LIMIT " + limit, LinkStore::sending, senders.stream().map(String::toLowerCase).toArray());
    }

    List<Sending> recentSendings(int limit) {
        return jdbc.query("SELECT * FROM link_sending ORDER BY sent_at DESC LIMIT " + limit, LinkStore::sending);
    }

    boolean markReceiptSent(String queueId) {
        return jdbc.update("UPDATE link_sending SET receipt_sent = TRUE WHERE queue_id = ? AND receipt_sent = FALSE",
                queueId) == 1;
    }

    List<Sending.File> files(String queueId) {
        return jdbc.query("SELECT id, part, file_name, content_type, size_bytes, sha256 FROM link_file "
                + "WHERE queue_id = ? ORDER BY part", (rs, n) -> new Sending.File(rs.getLong(1), rs.getInt(2),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)), queueId);
    }

    List<Sending.Recipient> recipients(String queueId) {
        return jdbc.query("SELECT * FROM link_recipient WHERE queue_id = ? ORDER BY id", LinkStore::recipient, queueId);
    }

    Optional<Sending.Recipient> recipientByToken(String tokenHash) {
        return jdbc.query("SELECT * FROM link_recipient WHERE token_hash = ?", LinkStore::recipient, tokenHash)
                .stream().findFirst();
    }

    /** Locks the recipient's row until the transaction ends (serializes downloads per recipient). */
    Optional<Sending.Recipient> lockRecipient(long id) {
        return jdbc.query("SELECT * FROM link_recipient WHERE id = ? FOR UPDATE", LinkStore::recipient, id).stream()
                .findFirst();
    }

    List<Sending.Download> downloads(String queueId) {
        return jdbc.query("SELECT d.recipient_id, d.file_id, d.at, d.ip, d.user_agent FROM link_download d "
                + "JOIN link_recipient r ON r.id = d.recipient_id WHERE r.queue_id = ? ORDER BY d.at",
                (rs, n) -> new Sending.Download(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5)), queueId);
    }

    int downloadCount(long recipientId, long fileId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM link_download WHERE recipient_id = ? AND file_id = ?",
                Integer.class, recipientId, fileId);
    }

    void recordDownload(long recipientId, long fileId, Instant at, String ip, String userAgent) {
        jdbc.update("INSERT INTO link_download (recipient_id, file_id, at, ip, user_agent) VALUES (?, ?, ?, ?, ?)",
                recipientId, fileId, Timestamp.from(at), cut(ip, 100), cut(userAgent, 500));
    }

    /** Revokes the links of these recipients that are not revoked yet; returns the addresses revoked now. */
    List<String> revoke(String queueId, List<String> addresses, String by, String reason, Instant at) {
        return addresses.stream().filter(a -> jdbc.update("UPDATE link_recipient SET revoked_at = ?, revoked_by = ?, "
                + "revoke_reason = ? WHERE queue_id = ? AND address = ? AND revoked_at IS NULL", Timestamp.from(at),
                cut(by, 400), reason, queueId, a) == 1).toList();
    }

    List<Sending> dueForPurge(Instant cutoff) {
        return jdbc.query("SELECT * FROM link_sending WHERE state = 'READY' AND expires_at < ?", LinkStore::sending,
                Timestamp.from(cutoff));
    }

    void markPurged(String queueId, Instant at) {
        jdbc.update("UPDATE link_sending SET state = 'PURGED', purged_at = ? WHERE queue_id = ?", Timestamp.from(at),
                queueId);
    }

    private static Sending sending(ResultSet rs, int n) throws SQLException {
        return new Sending(rs.getString("queue_id"), rs.getString("sender"), rs.getString("subject"),
                Optional.ofNullable(rs.getString("message_id")), split(rs.getString("rules")),
                rs.getBoolean("japanese"), rs.getTimestamp("sent_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getInt("max_downloads"),
                "PURGED".equals(rs.getString("state")));
    }

    private static Sending.Recipient recipient(ResultSet rs, int n) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Sending.Recipient(rs.getLong("id"), rs.getString("queue_id"), rs.getString("address"),
                Optional.ofNullable(revoked).map(Timestamp::toInstant), Optional.ofNullable(rs.getString("revoked_by")),
                Optional.ofNullable(rs.getString("revoke_reason")));
    }

    private static List<String> split(String rules) {
        return rules == null || rules.isBlank() ? List.of() : Arrays.asList(rules.split(","));
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
