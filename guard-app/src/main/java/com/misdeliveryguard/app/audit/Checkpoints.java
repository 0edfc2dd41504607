package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.Checkpoint;
import com.misdeliveryguard.core.audit.CheckpointKey;
import com.misdeliveryguard.core.audit.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signs checkpoints of the chain's head and keeps them in three places: the
 * {@code audit_checkpoint} table, the file {@code <data-dir>/audit/checkpoint.json} (the latest
 * only, replaced atomically) and the {@code guard.audit} log. A checkpoint is due after
 * {@code checkpoint-every} entries, on every housekeeping tick that finds new entries
 * ({@code checkpoint-interval}, default 1 minute), at start-up and at shutdown: no tail of the chain
 * stays unprotected for long.
 *
 * <p>A head behind the latest trusted checkpoint (the tail was cut off, the head moved back) is
 * never signed: that would replace the evidence of the cut in the file. It is logged as an error
 * and left for the verifier to report.
 */
public final class Checkpoints {

    private final JdbcDecisionLog log;
    private final JdbcTemplate jdbc;
    private final CheckpointKey key;
    private final Path file;
    private final Clock clock;
    private final int every;
    private volatile long lastSigned = -1;

    Checkpoints(JdbcDecisionLog log, CheckpointKey key, Path file, Clock clock, int every) {
        this.log = log;
        this.jdbc = log.jdbc();
        this.key = key;
        this.file = file;
        this.clock = clock;
        this.every = every;
    }

    public CheckpointKey key() {
        return key;
    }

    /** After each append: signs when {@code checkpoint-every} entries have passed since the last checkpoint. */
    void afterAppend(LogEntry entry) {
        if (lastSigned < 0) {
            lastSigned = latestInTable().map(Checkpoint::seq).orElse(0L);
        }
        if (entry.seq() - lastSigned >= every) {
            signHead();
        }
    }

    /** Signs the current head unless it is already signed; returns the new checkpoint. */
    public synchronized Optional<Checkpoint> signHead() {
        JdbcDecisionLog.Head head = log.head();
        if (head.lastSeq() == 0 || latestInTable().map(c -> c.seq() >= head.lastSeq()).orElse(false)) {
            return Optional.empty();
        }
        Optional<Checkpoint> newer = trusted().stream().filter(c -> c.seq() > head.lastSeq()).findFirst();
        if (newer.isPresent()) {
            LoggerFactory.getLogger(Checkpoints.class).error("Not signing the decision log's head at entry {}: "
                    + "checkpoint {} of {} signed entry {}, so the chain was cut off or its head moved back; "
                    + "verify the chain (console, GET /api/v1/audit/verify)", head.lastSeq(), file,
                    newer.get().time(), newer.get().seq());
            return Optional.empty();
        }
        Checkpoint checkpoint = key.sign(head.lastSeq(), head.lastHash(), clock.instant());
        try {
            jdbc.update("INSERT INTO audit_checkpoint (seq, hash, signed_at, mac) VALUES (?, ?, ?, ?)",
                    checkpoint.seq(), checkpoint.hash(), EntryRows.timestamp(checkpoint.time()), checkpoint.mac());
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return Optional.empty();
        }
        writeFile(checkpoint);
        JdbcDecisionLog.SIEM.info(checkpoint.toExportLine());
        lastSigned = checkpoint.seq();
        return Optional.of(checkpoint);
    }

    /** The latest checkpoint of the table and the one of the file: what the verifier compares the chain with. */
    public List<Checkpoint> trusted() {
        List<Checkpoint> all = new ArrayList<>();
        latestInTable().ifPresent(all::add);
        readFile().ifPresent(all::add);
        return all;
    }

    /** Every checkpoint in the table, oldest first (for the JSONL export). */
    List<Checkpoint> all() {
        return jdbc.query("SELECT seq, hash, signed_at, mac FROM audit_checkpoint ORDER BY seq", (rs, i) ->
                new Checkpoint(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4)));
    }

    private Optional<Checkpoint> latestInTable() {
        return jdbc.query("SELECT seq, hash, signed_at, mac FROM audit_checkpoint ORDER BY seq DESC LIMIT 1", (rs, i) ->
                new Checkpoint(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getString(4))).stream().findFirst();
    }

    private Optional<Checkpoint> readFile() {
        try {
            return Files.isRegularFile(file) ? Optional.of(Checkpoint.fromExportLine(Files.readString(file).strip()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The checkpoint file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void writeFile(Checkpoint checkpoint) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((checkpoint.toExportLine() + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint file " + file, e);
        }
    }
}
