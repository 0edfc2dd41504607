package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.smtp.spool.RepairLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RepairLog} of the application: every repair of start-up and periodic reconciliation
 * (ADR 0005) is one warning naming the message and one increment of
 * {@code guard.spool.repairs{kind=…}}, so that an operator can alert on repairs and find each one.
 */
final class SpoolRepairs implements RepairLog {

    private static final Logger log = LoggerFactory.getLogger(SpoolRepairs.class);
    private final MeterRegistry registry;

    SpoolRepairs(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void repaired(String kind, String id, String what) {
        log.warn("Repaired ({}) {}: {}", kind, id, what);
        registry.counter("guard.spool.repairs", "kind", kind).increment();
    }
}
