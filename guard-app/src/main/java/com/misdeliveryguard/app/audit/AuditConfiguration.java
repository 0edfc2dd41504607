package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.core.audit.RecipientDescriber;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the decision log: the JDBC log (also the {@link com.misdeliveryguard.core.audit.DecisionLog}
 * bean other features append to), its relay-event listener, checkpoints, retention, verification,
 * queries and statistics. A {@link RecipientDescriber} bean, when some feature provides one, adds
 * directory data to verdict entries.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    JdbcDecisionLog decisionLog(DataSource dataSource, Clock clock, AuditProperties audit) {
        return new JdbcDecisionLog(dataSource, clock, audit.timeZone());
    }

    @Bean
    Checkpoints checkpoints(JdbcDecisionLog log, AuditProperties audit, GuardProperties guard, Clock clock) {
        var key = CheckpointKeys.load(audit.checkpointKey(), guard.dataDir().resolve("audit").resolve("checkpoint.key"));
        Checkpoints checkpoints = new Checkpoints(log, key, guard.dataDir().resolve("audit").resolve("checkpoint.json"),
                clock, audit.checkpointEvery());
        log.afterAppend(checkpoints::afterAppend);
        return checkpoints;
    }

    @Bean
    Retention retention(JdbcDecisionLog log, Clock clock, AuditProperties audit) {
        return new Retention(log, clock, audit.retention(), audit.timeZone());
    }

    @Bean
    AuditHousekeeping auditHousekeeping(Checkpoints checkpoints, Retention retention, AuditProperties audit) {
        return new AuditHousekeeping(checkpoints, retention, audit.checkpointInterval(), audit.housekeepingInterval());
    }

    @Bean
    ChainCheck chainCheck(JdbcDecisionLog log, Checkpoints checkpoints) {
        return new ChainCheck(log, checkpoints);
    }

    @Bean
    ChainExport chainExport(JdbcDecisionLog log, Checkpoints checkpoints) {
        return new ChainExport(log, checkpoints);
    }

    @Bean
    AuditQueries auditQueries(JdbcDecisionLog log) {
        return new AuditQueries(log);
    }

    @Bean
    MessageQueries messageQueries(JdbcDecisionLog log, AuditQueries entries) {
        return new MessageQueries(log, entries);
    }

    @Bean
    AuditStatistics auditStatistics(JdbcDecisionLog log, AuditProperties audit) {
        return new AuditStatistics(log, audit.timeZone());
    }

    @Bean
    AuditRelayListener auditRelayListener(JdbcDecisionLog log, AuditQueries entries,
            ObjectProvider<RecipientDescriber> directory, MeterRegistry registry) {
        return new AuditRelayListener(log, directory.getIfAvailable(() -> RecipientDescriber.NONE), entries::history,
                registry);
    }
}
