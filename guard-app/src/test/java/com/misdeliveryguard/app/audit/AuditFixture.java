package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.CheckpointKey;
import com.misdeliveryguard.core.audit.RecipientDescriber;
import com.misdeliveryguard.core.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The decision log and its services wired by hand over one database, a fake clock and a data directory. */
final class AuditFixture {

    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final CheckpointKey KEY = CheckpointKey.of("test-key-0123456789abcdef0123456789");

    final MutableClock clock = new MutableClock(Instant.parse("2025-04-01T00:00:00Z"));
    final JdbcDecisionLog log;
    final Checkpoints checkpoints;
    final ChainCheck chainCheck;
    final Retention retention;
    final AuditQueries queries;
    final MessageQueries messages;
    final AuditStatistics statistics;
    final ChainExport export;
    final JdbcTemplate jdbc;

    AuditFixture(DataSource dataSource, Path dataDir, int checkpointEvery) {
        this.log = new JdbcDecisionLog(dataSource, clock, ZONE);
        this.checkpoints = new Checkpoints(log, KEY, dataDir.resolve("audit").resolve("checkpoint.json"), clock,
                checkpointEvery);
        log.afterAppend(checkpoints::afterAppend);
        this.chainCheck = new ChainCheck(log, checkpoints);
        this.retention = new Retention(log, clock, Duration.ofDays(400), ZONE);
        this.queries = new AuditQueries(log);
        this.messages = new MessageQueries(log, queries);
        this.statistics = new AuditStatistics(log, ZONE);
        this.export = new ChainExport(log, checkpoints);
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The relay path's listener over this log, without a directory (close it: it has a writer thread). */
    AuditRelayListener relayListener() {
        return new AuditRelayListener(log, RecipientDescriber.NONE, queries::history, new SimpleMeterRegistry());
    }
}
