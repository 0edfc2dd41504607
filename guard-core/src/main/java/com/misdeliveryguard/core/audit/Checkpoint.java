package com.misdeliveryguard.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed statement "entry {@code seq} of the chain had hash {@code hash} at {@code time}".
 * Checkpoints are kept apart from the entries (a table, a file in the data directory, the
 * {@code guard.audit} log), so that deleting the tail of the chain cannot also delete the proof
 * that it existed.
 *
 * @param seq  sequence number of the entry covered
 * @param hash its hash
 * @param time when the checkpoint was made
 * @param mac  hex HMAC-SHA256 of {@link #signedText()} under the checkpoint key
 */
public record Checkpoint(long seq, String hash, Instant time, String mac) {

    public Checkpoint {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(mac, "mac");
        time = EntryTime.truncate(time);
    }

    /** The canonical text the MAC covers. */
    public String signedText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hash", hash);
        fields.put("seq", seq);
        fields.put("time", EntryTime.format(time));
        return CanonicalJson.write(fields);
    }

    /** {@code {"checkpoint":{…},"mac":"…"}}, one line of an export or of the {@code guard.audit} log. */
    public String toExportLine() {
        return "{\"checkpoint\":" + signedText() + ",\"mac\":\"" + mac + "\"}";
    }

    /** Reads a line written by {@link #toExportLine()}. */
    @SuppressWarnings("unchecked")
    public static Checkpoint fromExportLine(String line) {
        Map<String, Object> map = CanonicalJson.parseObject(line);
        Map<String, Object> c = (Map<String, Object>) map.get("checkpoint");
        return new Checkpoint(((Number) c.get("seq")).longValue(), (String) c.get("hash"),
                EntryTime.parse((String) c.get("time")), (String) map.get("mac"));
    }

    /** True for a line that holds a checkpoint rather than an entry. */
    public static boolean isCheckpointLine(String line) {
        return line.startsWith("{\"checkpoint\":");
    }
}
