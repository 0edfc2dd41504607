package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.directory.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.audit.cli.VerifyAuditCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's {@code verify-audit} mode on a JSONL export: an untouched export verifies; an edited,
 * deleted, reordered or cut-off entry is named; a checkpoint signed with another key is refused.
 */
class VerifyAuditCommandTest {

    @TempDir
    Path dir;
    private TestDatabase database;
    private Path export;
    private Path keyFile;

    @BeforeEach
    void exportTenEntries() throws Exception {
        database = TestDatabase.h2();
        AuditFixture f = new AuditFixture(database.dataSource(), dir, 5);
        for (int i = 1; i <= 10; i++) {
            f.log.append(Events.access("auditor" + i, i));
        }
        StringWriter out = new StringWriter();
        assertThat(f.export.write(out)).isEqualTo(10);
        export = dir.resolve("export.jsonl");
        Files.writeString(export, out.toString());
        keyFile = dir.resolve("checkpoint.key");
        Files.writeString(keyFile, "test-key-0123456789abcdef0123456789\n");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private record Result(int code, String output) {
    }

    private Result verify(List<String> lines, String... extra) throws Exception {
        Path file = dir.resolve("tampered.jsonl");
        Files.write(file, lines);
        List<String> args = new ArrayList<>(List.of("verify-audit", file.toString(), "--key-file=" + keyFile));
        args.addAll(List.of(extra));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = VerifyAuditCommand.run(args.toArray(String[]::new), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Map.of());
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(export));
    }

    private static int lineOf(List<String> lines, long seq) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"seq\":" + seq + ",") && lines.get(i).contains("\"type\"")) {
                return i;
            }
        }
        throw new AssertionError("no entry " + seq);
    }

    @Test
    void shouldFindAnUntouchedExportIntact() throws Exception {
        Result r = verify(lines());
        assertThat(r.code()).isZero();
        assertThat(r.output()).contains("intact: entries 1..10").contains("2 checkpoint(s) signed");
    }

    @Test
    void shouldNameAnEditedEntry() throws Exception {
        List<String> lines = lines();
        int i = lineOf(lines, 4);
        lines.set(i, lines.get(i).replace("auditor4", "someone"));
        Result r = verify(lines);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("BROKEN at entry 4 (ALTERED)");
    }

    @Test
    void shouldNameADeletedEntry() throws Exception {
        List<String> lines = lines();
        lines.remove(lineOf(lines, 6));
        assertThat(verify(lines).output()).contains("BROKEN at entry 6 (MISSING)");
    }

    @Test
    void shouldNameReorderedEntries() throws Exception {
        List<String> lines = lines();
        int i = lineOf(lines, 3);
        String three = lines.get(i);
        lines.set(i, lines.get(i + 1));
        lines.set(i + 1, three);
        assertThat(verify(lines).output()).contains("BROKEN at entry 3 (REORDERED)");
    }

    @Test
    void shouldDetectACutOffTailAgainstTheExportsCheckpoint() throws Exception {
        List<String> lines = lines();
        List<String> cut = lines.subList(0, lineOf(lines, 8));
        assertThat(verify(cut).output()).contains("BROKEN at entry 8 (TRUNCATED)");
    }

    @Test
    void shouldDetectACutOffTailAgainstACheckpointKeptElsewhere() throws Exception {
        Path kept = dir.resolve("audit").resolve("checkpoint.json");
        List<String> lines = lines();
        List<String> cut = new ArrayList<>(lines.subList(lineOf(lines, 1), lineOf(lines, 8)));
        cut.removeIf(l -> l.startsWith("{\"checkpoint\""));
        assertThat(verify(cut).code()).isZero();
        assertThat(verify(cut, "--checkpoint=" + kept).output()).contains("BROKEN at entry 8 (TRUNCATED)");
    }

    @Test
    void shouldRefuseACheckpointSignedWithAnotherKey() throws Exception {
        Files.writeString(keyFile, "another-key-that-is-long-enough");
        Result r = verify(lines());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.output()).contains("FORGED_CHECKPOINT");
    }

    @Test
    void shouldExplainItsUsage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(VerifyAuditCommand.run(new String[] {"verify-audit"}, new PrintStream(bytes), Map.of())).isEqualTo(2);
        assertThat(bytes.toString()).contains("usage");
    }
}
