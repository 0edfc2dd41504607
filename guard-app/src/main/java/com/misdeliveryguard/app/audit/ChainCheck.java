package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.ChainBreak;
import com.misdeliveryguard.core.audit.ChainVerifier;
import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.Verification;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Verifies the chain in the database: from the retention anchor to the head, in batches, against
 * the trusted checkpoints (a chain that ends before the last signed checkpoint was cut off). Also
 * checks that the anchor is the one the latest retention entry recorded (so that deleting old
 * entries and moving the anchor by hand shows up), and that the head is the chain's last entry (a
 * head moved back over entries that still exist, or pointing past the chain's end, shows up).
 */
public final class ChainCheck {

    private static final int BATCH = 5000;
    private final JdbcDecisionLog log;
    private final JdbcTemplate jdbc;
    private final Checkpoints checkpoints;

    ChainCheck(JdbcDecisionLog log, Checkpoints checkpoints) {
        this.log = log;
        this.jdbc = log.jdbc();
        this.checkpoints = checkpoints;
    }

    public Verification verify() {
        JdbcDecisionLog.Head head = log.head();
        ChainVerifier verifier = new ChainVerifier(Optional.of(new ChainVerifier.Anchor(head.anchorSeq(),
                head.anchorHash())), checkpoints.trusted(), Optional.of(checkpoints.key()));
        long after = head.anchorSeq();
        while (true) {
            List<LogEntry> batch = jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entry WHERE seq > ? "
                    + "ORDER BY seq LIMIT " + BATCH, EntryRows.MAPPER, after);
            batch.forEach(verifier::accept);
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).seq();
        }
        Verification result = verifier.finish();
        List<ChainBreak> more = Stream.concat(anchorMismatch(head).stream(), headMismatch(head, result).stream())
                .toList();
        if (more.isEmpty()) {
            return result;
        }
        Optional<ChainBreak> first = Stream.concat(result.firstBreak().stream(), more.stream())
                .min(Comparator.comparingLong(ChainBreak::seq));
        return new Verification(result.entries(), result.firstSeq(), result.lastSeq(), result.lastHash(),
                result.checkpointsChecked(), result.checkpointsSigned(), first);
    }

    private static Optional<ChainBreak> headMismatch(JdbcDecisionLog.Head head, Verification result) {
        long end = result.entries() == 0 ? head.anchorSeq() : result.lastSeq();
        if (head.lastSeq() < end) {
            return Optional.of(new ChainBreak(head.lastSeq() + 1, ChainBreak.Problem.HEAD_MOVED_BACK,
                    "the chain's head says entry " + head.lastSeq() + " is the last, but entries up to " + end
                            + " follow it: the head was moved back"));
        }
        if (head.lastSeq() > end) {
            return Optional.of(new ChainBreak(end + 1, ChainBreak.Problem.TRUNCATED, "entries " + (end + 1) + ".."
                    + head.lastSeq() + " are missing: the chain ends at entry " + end + " but its head says "
                    + head.lastSeq()));
        }
        if (result.entries() > 0 && !head.lastHash().equals(result.lastHash())) {
            return Optional.of(new ChainBreak(end, ChainBreak.Problem.HEAD_MOVED_BACK, "the chain's head does not "
                    + "carry the hash of entry " + end + ": the head was rewritten"));
        }
        return Optional.empty();
    }

    private Optional<ChainBreak> anchorMismatch(JdbcDecisionLog.Head head) {
        List<String> latest = jdbc.queryForList("SELECT details FROM audit_entry WHERE event_type = ? AND seq > ? "
                + "ORDER BY seq DESC LIMIT 1", String.class, EventType.RETENTION.code(), head.anchorSeq());
        long recorded = 0;
        String recordedHash = LogEntry.GENESIS;
        if (!latest.isEmpty()) {
            Map<String, Object> details = CanonicalJson.parseObject(latest.get(0));
            recorded = ((Number) details.get("deletedThrough")).longValue();
            recordedHash = (String) details.get("anchorHash");
        }
        if (recorded == head.anchorSeq() && recordedHash.equals(head.anchorHash())) {
            return Optional.empty();
        }
        return Optional.of(new ChainBreak(Math.min(recorded, head.anchorSeq()) + 1, ChainBreak.Problem.HEAD_REMOVED,
                "the chain starts after entry " + head.anchorSeq() + " but the last retention entry deleted only "
                        + "through entry " + recorded + ": entries were deleted outside retention"));
    }
}
