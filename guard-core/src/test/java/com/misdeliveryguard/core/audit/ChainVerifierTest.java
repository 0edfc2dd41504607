package com.misdeliveryguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.ChainBreak.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final CheckpointKey KEY = CheckpointKey.of("0123456789abcdef0123456789abcdef");

    static List<LogEntry> chain(int n) {
        List<LogEntry> entries = new ArrayList<>();
        String prev = LogEntry.GENESIS;
        for (int i = 1; i <= n; i++) {
            LogEntry e = LogEntry.link(i, Instant.parse("2025-04-01T00:00:00Z").plusSeconds(i),
                    new AuditAccess(Actor.of("auditor" + i, "127.0.0.1", null), "list", Map.of("i", "" + i)), prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    static Verification verify(List<LogEntry> entries, List<Checkpoint> checkpoints) {
        ChainVerifier verifier = new ChainVerifier(Optional.of(ChainVerifier.Anchor.GENESIS), checkpoints,
                Optional.of(KEY));
        entries.forEach(verifier::accept);
        return verifier.finish();
    }

    @Test
    void shouldFindAnUntouchedChainIntact() {
        List<LogEntry> entries = chain(5);
        Verification v = verify(entries, List.of(KEY.sign(5, entries.get(4).hash(), Instant.now())));
        assertThat(v.intact()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(5);
        assertThat(v.checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void shouldNameAnEditedEntry() {
        List<LogEntry> entries = chain(5);
        LogEntry e = entries.get(2);
        entries.set(2, new LogEntry(e.seq(), e.time(), e.type(), e.queueId(), Optional.of("mallory"), e.details(),
                e.prevHash(), e.hash()));
        assertThat(verify(entries, List.of()).firstBreak()).get()
                .extracting(ChainBreak::seq, ChainBreak::problem).containsExactly(3L, Problem.ALTERED);
    }

    @Test
    void shouldNameAnEntryThatWasEditedAndRehashed() {
        List<LogEntry> entries = chain(5);
        LogEntry e = entries.get(2);
        LogEntry forged = new LogEntry(e.seq(), e.time(), e.type(), e.queueId(), Optional.of("mallory"), e.details(),
                e.prevHash(), "");
        entries.set(2, forged.withHash(forged.computeHash()));
        assertThat(verify(entries, List.of()).firstBreak()).get()
                .extracting(ChainBreak::seq, ChainBreak::problem).containsExactly(3L, Problem.RELINKED);
    }

    @Test
    void shouldNameADeletedEntry() {
        List<LogEntry> entries = chain(5);
        entries.remove(1);
        assertThat(verify(entries, List.of()).firstBreak()).get()
                .extracting(ChainBreak::seq, ChainBreak::problem).containsExactly(2L, Problem.MISSING);
    }

    @Test
    void shouldNameReorderedEntries() {
        List<LogEntry> entries = chain(5);
        entries.add(3, entries.remove(2));
        // order is now 1, 2, 4, 3, 5
        assertThat(verify(entries, List.of()).firstBreak()).get()
                .extracting(ChainBreak::seq, ChainBreak::problem).containsExactly(3L, Problem.REORDERED);
    }

    @Test
    void shouldDetectACutOffTailAgainstTheLastCheckpoint() {
        List<LogEntry> entries = chain(6);
        Checkpoint checkpoint = KEY.sign(5, entries.get(4).hash(), Instant.now());
        Verification v = verify(entries.subList(0, 3), List.of(checkpoint));
        assertThat(v.firstBreak()).get().extracting(ChainBreak::seq, ChainBreak::problem)
                .containsExactly(4L, Problem.TRUNCATED);
    }

    @Test
    void shouldDetectARebuiltChainAgainstASignedCheckpoint() {
        List<LogEntry> original = chain(4);
        Checkpoint checkpoint = KEY.sign(4, original.get(3).hash(), Instant.now());
        List<LogEntry> rebuilt = new ArrayList<>(original.subList(0, 2));
        String prev = rebuilt.get(1).hash();
        for (int i = 3; i <= 4; i++) {
            LogEntry e = LogEntry.link(i, Instant.now(), new AuditAccess(Actor.of("x", "1.2.3.4", null), "list",
                    Map.of()), prev);
            rebuilt.add(e);
            prev = e.hash();
        }
        assertThat(verify(rebuilt, List.of(checkpoint)).firstBreak()).get()
                .extracting(ChainBreak::seq, ChainBreak::problem).containsExactly(4L, Problem.REWRITTEN);
    }

    @Test
    void shouldRefuseACheckpointSignedWithAnotherKey() {
        List<LogEntry> entries = chain(3);
        Checkpoint forged = CheckpointKey.of("another key, long enough to use").sign(9, "ab".repeat(32), Instant.now());
        assertThat(verify(entries, List.of(forged)).firstBreak()).get()
                .extracting(ChainBreak::problem).isEqualTo(Problem.FORGED_CHECKPOINT);
    }

    @Test
    void shouldRoundTripAnEntryThroughItsExportLine() {
        LogEntry e = chain(2).get(1);
        LogEntry back = LogEntry.fromExportLine(e.toExportLine());
        assertThat(back).isEqualTo(e);
        assertThat(back.computeHash()).isEqualTo(e.hash());
    }
}
