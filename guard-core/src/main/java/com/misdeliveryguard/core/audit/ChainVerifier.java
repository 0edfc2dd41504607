package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.audit.ChainBreak.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a chain read in order, one entry at a time (so millions of entries need no memory):
 * every entry's hash against its content, every link against the previous entry, the sequence for
 * gaps and disorder, and the chain against signed {@link Checkpoint}s (a checkpoint beyond the last
 * entry means the tail was cut off; one whose hash differs means the chain was rebuilt).
 *
 * <p>Usage: {@code new ChainVerifier(anchor, checkpoints, key)}, {@link #accept} each entry in the
 * order stored, then {@link #finish}. Not thread-safe.
 */
public final class ChainVerifier {

    /**
     * Where the chain starts: entry {@code seq + 1} must link to {@code hash}. For a complete chain
     * this is {@code (0, GENESIS)}; after retention, the last deleted entry.
     */
    public record Anchor(long seq, String hash) {
        public static final Anchor GENESIS = new Anchor(0, LogEntry.GENESIS);
    }

    private final Optional<Anchor> anchor;
    private final Map<Long, Checkpoint> checkpoints = new HashMap<>();
    private final boolean signed;
    private final int checkpointCount;
    private final List<ChainBreak> breaks = new ArrayList<>();
    private ChainBreak chainBreak;
    private long missing = -1;
    private long expected = -1;
    private String prevHash;
    private long entries;
    private long firstSeq;
    private long lastSeq;
    private String lastHash = LogEntry.GENESIS;

    /**
     * @param anchor      where the chain must start; empty to trust the first entry's link (a partial export)
     * @param checkpoints checkpoints to compare with (older than the anchor are ignored)
     * @param key         checks the checkpoints' signatures; empty to use them unsigned
     */
    public ChainVerifier(Optional<Anchor> anchor, List<Checkpoint> checkpoints, Optional<CheckpointKey> key) {
        this.anchor = anchor;
        this.signed = key.isPresent();
        long floor = anchor.map(Anchor::seq).orElse(0L);
        for (Checkpoint c : checkpoints) {
            if (key.isPresent() && !key.get().verifies(c)) {
                breaks.add(new ChainBreak(c.seq(), Problem.FORGED_CHECKPOINT,
                        "the checkpoint for entry " + c.seq() + " of " + c.time() + " is not signed with the key"));
            } else if (c.seq() > floor) {
                this.checkpoints.merge(c.seq(), c, (a, b) -> a.time().isAfter(b.time()) ? a : b);
            }
        }
        this.checkpointCount = this.checkpoints.size();
        anchor.ifPresent(a -> {
            expected = a.seq() + 1;
            prevHash = a.hash();
        });
    }

    /** Checks the next entry; returns false once the chain is broken (reading on only refines the report). */
    public boolean accept(LogEntry e) {
        entries++;
        if (entries == 1) {
            firstSeq = e.seq();
            if (expected < 0) {
                expected = e.seq();
                prevHash = e.seq() == 1 ? LogEntry.GENESIS : e.prevHash();
            }
        }
        if (chainBreak != null) {
            if (e.seq() == missing) {
                chainBreak = new ChainBreak(missing, Problem.REORDERED,
                        "entry " + missing + " appears after entry " + (missing + 1) + " or later: the entries were reordered");
                missing = -1;
            }
            return false;
        }
        if (e.seq() != expected) {
            if (e.seq() > expected) {
                missing = expected;
                return broken(new ChainBreak(expected, Problem.MISSING, entries == 1
                        ? "the chain should start at entry " + expected + " but starts at " + e.seq()
                        : "entry " + expected + " is missing: entry " + e.seq() + " follows entry " + (expected - 1)));
            }
            return broken(new ChainBreak(e.seq(), Problem.REORDERED,
                    "entry " + e.seq() + " appears again after entry " + (expected - 1) + ": entries were reordered or duplicated"));
        }
        String computed = e.computeHash();
        if (!computed.equals(e.hash())) {
            return broken(new ChainBreak(e.seq(), Problem.ALTERED,
                    "entry " + e.seq() + " was changed after it was written: its content does not match its hash"));
        }
        if (!e.prevHash().equals(prevHash)) {
            boolean afterAnchor = entries == 1;
            long at = afterAnchor ? e.seq() : e.seq() - 1;
            return broken(new ChainBreak(at, afterAnchor ? Problem.HEAD_REMOVED : Problem.RELINKED, afterAnchor
                    ? "entry " + e.seq() + " does not continue from the chain's anchor (entry " + (e.seq() - 1) + ")"
                    : "entry " + at + " was changed and re-hashed: entry " + e.seq() + " was chained to another hash"));
        }
        Checkpoint c = checkpoints.remove(e.seq());
        if (c != null && !c.hash().equals(e.hash())) {
            breaks.add(new ChainBreak(e.seq(), Problem.REWRITTEN, "entry " + e.seq()
                    + " is not the one the checkpoint of " + c.time() + " signed: the chain was rebuilt"));
        }
        expected = e.seq() + 1;
        prevHash = e.hash();
        lastSeq = e.seq();
        lastHash = e.hash();
        return true;
    }

    /** A line or row that is not an entry, where the next entry was expected. */
    public boolean unreadable(String where, String error) {
        entries++;
        if (chainBreak == null) {
            long at = expected < 0 ? 0 : expected;
            return broken(new ChainBreak(at, Problem.UNREADABLE, where + " is not an entry: " + error));
        }
        return false;
    }

    private boolean broken(ChainBreak b) {
        chainBreak = b;
        return false;
    }

    /** The result; call once after the last entry. */
    public Verification finish() {
        if (chainBreak != null) {
            breaks.add(chainBreak);
        } else {
            long end = lastSeq == 0 ? anchor.map(Anchor::seq).orElse(0L) : lastSeq;
            checkpoints.values().stream().filter(c -> c.seq() > end).max(Comparator.comparingLong(Checkpoint::seq))
                    .ifPresent(c -> breaks.add(new ChainBreak(end + 1, Problem.TRUNCATED, "entries " + (end + 1)
                            + ".." + c.seq() + " are missing: the chain ends at entry " + end
                            + " but the checkpoint of " + c.time() + " signed entry " + c.seq())));
        }
        Optional<ChainBreak> first = breaks.stream().min(Comparator.comparingLong(ChainBreak::seq));
        return new Verification(entries, firstSeq, lastSeq, lastHash, checkpointCount, signed, first);
    }
}
