package com.misdeliveryguard.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored entry of the decision log: a link of the hash chain.
 *
 * <p>The hash is the hex SHA-256 of the UTF-8 bytes of {@link #canonical()}: the canonical JSON
 * ({@link CanonicalJson}) of the object {@code {"actor", "details", "prev", "queue", "seq", "time",
 * "type"}} (actor and queue left out when absent). The export line ({@link #toExportLine()}) is the
 * same object with {@code "hash"} added, so anybody can re-verify an export with a JSON library and
 * SHA-256.
 *
 * @param seq      sequence number, from 1, without gaps
 * @param time     UTC time, milliseconds
 * @param type     event type code ({@link EventType#code()})
 * @param queueId  spool id of the message the entry concerns
 * @param actor    who did it
 * @param details  the event's details as canonical JSON text
 * @param prevHash hash of the previous entry; {@link #GENESIS} for entry 1
 * @param hash     this entry's hash as stored (a verifier compares it with {@link #computeHash()})
 */
public record LogEntry(long seq, Instant time, String type, Optional<String> queueId, Optional<String> actor,
        String details, String prevHash, String hash) {

    /** The previous hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    public LogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** A new link after {@code prevHash}, its hash computed. */
    public static LogEntry link(long seq, Instant time, AuditEvent event, String prevHash) {
        LogEntry unhashed = new LogEntry(seq, EntryTime.truncate(time), event.type().code(), event.queue(),
                event.actor(), CanonicalJson.write(event.details()), prevHash, "");
        return unhashed.withHash(unhashed.computeHash());
    }

    public LogEntry withHash(String newHash) {
        return new LogEntry(seq, time, type, queueId, actor, details, prevHash, newHash);
    }

    /** The canonical text the hash covers. */
    public String canonical() {
        return CanonicalJson.write(fields(false));
    }

    /** One line of the JSONL export and of the {@code guard.audit} log: the canonical object plus its hash. */
    public String toExportLine() {
        return CanonicalJson.write(fields(true));
    }

    private Map<String, Object> fields(boolean withHash) {
        Map<String, Object> fields = new LinkedHashMap<>();
        actor.ifPresent(a -> fields.put("actor", a));
        fields.put("details", new CanonicalJson.Raw(details));
        if (withHash) {
            fields.put("hash", hash);
        }
        fields.put("prev", prevHash);
        queueId.ifPresent(q -> fields.put("queue", q));
        fields.put("seq", seq);
        fields.put("time", EntryTime.format(time));
        fields.put("type", type);
        return fields;
    }

    /** The hash this entry's content should have. */
    public String computeHash() {
        return sha256(canonical());
    }

    /** Reads an export line back; the details are re-written canonically. */
    public static LogEntry fromExportLine(String line) {
        Map<String, Object> map = CanonicalJson.parseObject(line);
        return fromMap(map);
    }

    static LogEntry fromMap(Map<String, Object> map) {
        try {
            return new LogEntry(((Number) map.get("seq")).longValue(), EntryTime.parse((String) map.get("time")),
                    (String) map.get("type"), Optional.ofNullable((String) map.get("queue")),
                    Optional.ofNullable((String) map.get("actor")), CanonicalJson.write(map.get("details")),
                    (String) map.get("prev"), String.valueOf(map.get("hash")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a decision-log entry: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
