package com.misdeliveryguard.core.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a JSONL export of the decision log: lines written by {@link Checkpoint#toExportLine()}
 * and {@link LogEntry#toExportLine()}, in any order of checkpoints and entries (entries in sequence
 * order). An export that starts at entry 1 must start from the genesis hash; one that starts later
 * (after retention, or a partial export) is trusted from its first entry's link.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    /**
     * @param file                the export
     * @param key                 checks checkpoint signatures; empty to use them unsigned
     * @param trustedCheckpoints  checkpoints kept elsewhere (e.g. the data directory's latest), so that a
     *                            truncation that also removed the export's checkpoint lines is detected
     */
    public static Verification verify(Path file, Optional<CheckpointKey> key, List<Checkpoint> trustedCheckpoints)
            throws IOException {
        List<Checkpoint> checkpoints = new ArrayList<>(trustedCheckpoints);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (Checkpoint.isCheckpointLine(line.strip())) {
                    try {
                        checkpoints.add(Checkpoint.fromExportLine(line.strip()));
                    } catch (RuntimeException ignored) {
                        // reported in the second pass as an unreadable line
                    }
                }
            }
        }
        ChainVerifier verifier = new ChainVerifier(Optional.empty(), checkpoints, key);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = number == 1 && line.startsWith("\uFEFF") ? line.substring(1).strip() : line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (Checkpoint.isCheckpointLine(text)) {
                    try {
                        Checkpoint.fromExportLine(text);
                    } catch (RuntimeException e) {
                        verifier.unreadable("line " + number, e.getMessage());
                    }
                    continue;
                }
                LogEntry entry;
                try {
                    entry = LogEntry.fromExportLine(text);
                } catch (RuntimeException e) {
                    verifier.unreadable("line " + number, e.getMessage());
                    continue;
                }
                verifier.accept(entry);
            }
        }
        return verifier.finish();
    }
}
