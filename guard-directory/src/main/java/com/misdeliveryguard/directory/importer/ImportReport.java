package com.misdeliveryguard.directory.importer;

import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.store.WriteCounts;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one import.
 *
 * @param origin       the file or server read
 * @param source       the source id the contacts were stored under
 * @param outcome      whether the import was committed
 * @param rowsRead     rows (contacts and domain declarations) the reader produced
 * @param counts       what changed; {@link WriteCounts#NONE} when the import failed
 * @param problemCount how many rows were skipped (all of them, even past the list's limit)
 * @param problems     the skipped rows, at most {@link DirectoryImporter.Builder#maxProblemsListed}
 * @param failure      why the import failed, when it did (also the last entry of {@code problems})
 * @param duration     how long it took
 */
public record ImportReport(String origin, SourceId source, Outcome outcome, long rowsRead, WriteCounts counts,
        long problemCount, List<ImportProblem> problems, Optional<String> failure, Duration duration) {

    /** Whether the import changed the directory. */
    public enum Outcome {
        /** Committed; the good rows are in the directory, the bad ones are in the problems. */
        IMPORTED,
        /** Rolled back; the directory is as it was before. */
        FAILED
    }

    public ImportReport {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(counts, "counts");
        problems = List.copyOf(problems);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean imported() {
        return outcome == Outcome.IMPORTED;
    }

    /** One line for the log and the admin page. */
    public String summary() {
        if (!imported()) {
            return origin + ": import failed, directory unchanged: " + failure.orElse("unknown reason");
        }
        return origin + ": " + rowsRead + " rows, " + counts.added() + " added, " + counts.updated() + " updated, "
                + counts.unchanged() + " unchanged, " + counts.removed() + " removed, " + problemCount
                + " skipped (" + duration.toMillis() + " ms)";
    }
}
