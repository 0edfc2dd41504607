package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.Checkpoint;
import com.misdeliveryguard.core.audit.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole chain as JSONL for off-line verification ({@code verify-audit}): first the signed
 * checkpoints, then every entry from the retention anchor on, one line each, as
 * {@link Checkpoint#toExportLine()} and {@link LogEntry#toExportLine()} write them.
 */
public final class ChainExport {

    private static final int BATCH = 5000;
    private final JdbcDecisionLog log;
    private final JdbcTemplate jdbc;
    private final Checkpoints checkpoints;

    ChainExport(JdbcDecisionLog log, Checkpoints checkpoints) {
        this.log = log;
        this.jdbc = log.jdbc();
        this.checkpoints = checkpoints;
    }

    /** Writes the export; returns the number of entries written. */
    public long write(Writer out) {
        try {
            long anchor = log.head().anchorSeq();
            for (Checkpoint c : checkpoints.all()) {
                if (c.seq() > anchor) {
                    out.write(c.toExportLine());
                    out.write('\n');
                }
            }
            long after = anchor;
            long count = 0;
            while (true) {
                List<LogEntry> batch = jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM audit_entry WHERE seq > ? "
                        + "ORDER BY seq LIMIT " + BATCH, EntryRows.MAPPER, after);
                for (LogEntry e : batch) {
                    out.write(e.toExportLine());
                    out.write('\n');
                }
                count += batch.size();
                if (batch.size() < BATCH) {
                    out.flush();
                    return count;
                }
                after = batch.get(batch.size() - 1).seq();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
