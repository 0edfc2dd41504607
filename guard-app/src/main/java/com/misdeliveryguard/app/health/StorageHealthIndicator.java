package com.misdeliveryguard.app.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code storage} health, part of the readiness group: DOWN while the {@link StorageGate} says a
 * message cannot be committed (the spool's file system is full, read-only or failing, or the
 * database is closed or unreachable). Shows the last probe, never probes itself, so that a load
 * balancer polling often causes no writes.
 */
final class StorageHealthIndicator extends AbstractHealthIndicator {

    private final StorageGate gate;

    StorageHealthIndicator(StorageGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        StorageStatus status = gate.status();
        builder.status(status.canCommit() ? "UP" : "DOWN")
                .withDetail("spool", status.spoolProblem().orElse("ok"))
                .withDetail("database", status.databaseProblem().orElse("ok"))
                .withDetail("checkedAt", status.checkedAt().toString());
    }
}
