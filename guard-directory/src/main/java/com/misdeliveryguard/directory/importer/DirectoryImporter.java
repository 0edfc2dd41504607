package com.misdeliveryguard.directory.importer;

import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.store.DirectoryStore;
import com.misdeliveryguard.directory.store.DirectoryWriter;
import com.misdeliveryguard.directory.store.WriteCounts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every import: files ({@link #importFile}) and any other {@link ContactReader}
 * ({@link #run}, used for LDAP). Imports run one at a time; each is one transaction and always
 * ends in an {@link ImportReport}, never in an exception.
 */
public final class DirectoryImporter {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryImporter.class);

    private final DirectoryStore store;
    private final Runnable afterChange;
    private final int maxProblemsListed;
    private final int maxRecordChars;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    private DirectoryImporter(Builder builder) {
        this.store = builder.store;
        this.afterChange = builder.afterChange;
        this.maxProblemsListed = builder.maxProblemsListed;
        this.maxRecordChars = builder.maxRecordChars;
        this.clock = builder.clock;
    }

    public static Builder builder(DirectoryStore store) {
        return new Builder(store);
    }

    /**
     * Imports a file, its format told by the extension ({@code .vcf}/{@code .vcard}: vCard, else CSV
     * with the layout told by the header row), its contacts stored under the file's name as source.
     */
    public ImportReport importFile(Path file) {
        return importFile(file, ImportFormat.of(file), new SourceId(file.getFileName().toString()));
    }

    /** Imports a file of the given format under the given source id, adding and updating only. */
    public ImportReport importFile(Path file, ImportFormat format, SourceId source) {
        return run(format.reader(file, maxRecordChars), source, ImportMode.MERGE);
    }

    /** Reads the source into the directory in one transaction; see {@link ImportMode}. */
    public ImportReport run(ContactReader reader, SourceId source, ImportMode mode) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        oneAtATime.lock();
        try {
            ImportReport report = runLocked(reader, source, mode, clock.instant());
            if (report.imported()) {
                LOG.info("{}", report.summary());
            } else {
                LOG.warn("{}", report.summary());
            }
            return report;
        } finally {
            oneAtATime.unlock();
        }
    }

    private ImportReport runLocked(ContactReader reader, SourceId source, ImportMode mode, Instant started) {
        ImportRun run = null;
        try (DirectoryWriter writer = store.openWriter()) {
            run = new ImportRun(reader.origin(), source, writer, maxProblemsListed);
            reader.read(run);
            if (mode == ImportMode.MIRROR) {
                if (run.contactsAccepted() == 0) {
                    throw new ImportFailure("the source listed no usable contact; refusing to remove every contact"
                            + " of source '" + source + "'", 0);
                }
                writer.removeUnseen(source, run.seen());
            }
            WriteCounts counts = writer.commit();
            if (counts.changedAnything()) {
                afterChange.run();
            }
            return new ImportReport(reader.origin(), source, ImportReport.Outcome.IMPORTED, run.rowsRead(), counts,
                    run.problemCount(), run.problems(), Optional.empty(), since(started));
        } catch (ImportFailure e) {
            return failed(reader, source, run, e.getMessage(), e.line(), started);
        } catch (DirectoryUnavailableException e) {
            return failed(reader, source, run, "the directory database failed: " + e.getMessage(), 0, started);
        } catch (RuntimeException e) {
            LOG.error("import of {} failed unexpectedly", reader.origin(), e);
            return failed(reader, source, run, "unexpected error: " + e, 0, started);
        }
    }

    private ImportReport failed(ContactReader reader, SourceId source, ImportRun run, String reason, long line,
            Instant started) {
        List<ImportProblem> problems = new ArrayList<>(run == null ? List.of() : run.problems());
        problems.add(new ImportProblem(reader.origin(), line, reason));
        long problemCount = (run == null ? 0 : run.problemCount()) + 1;
        String failure = line > 0 ? "line " + line + ": " + reason : reason;
        return new ImportReport(reader.origin(), source, ImportReport.Outcome.FAILED, run == null ? 0 : run.rowsRead(),
                WriteCounts.NONE, problemCount, problems, Optional.of(failure), since(started));
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }

    /** Configures an importer; only the store is required. */
    public static final class Builder {

        private final DirectoryStore store;
        private Runnable afterChange = () -> { };
        private int maxProblemsListed = 1000;
        private int maxRecordChars = 1 << 20;
        private Clock clock = Clock.systemUTC();

        private Builder(DirectoryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** Runs after an import that changed the directory, e.g. {@code directory::invalidateAll}. */
        public Builder afterChange(Runnable afterChange) {
            this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
            return this;
        }

        /** How many skipped rows a report lists (default 1,000); all are counted. */
        public Builder maxProblemsListed(int maxProblemsListed) {
            this.maxProblemsListed = maxProblemsListed;
            return this;
        }

        /**
         * The longest CSV record accepted, in characters (default 1 Mi). A longer one is almost
         * always an unclosed quote swallowing the rest of the file, and fails the import instead of
         * filling the heap.
         */
        public Builder maxRecordChars(int maxRecordChars) {
            this.maxRecordChars = maxRecordChars;
            return this;
        }

        /** The clock that times imports. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DirectoryImporter build() {
            return new DirectoryImporter(this);
        }
    }
}
