package com.misdeliveryguard.app.directory;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** {@code directory} health, part of the readiness group: DOWN until the start-up import has finished. */
final class DirectoryHealthIndicator extends AbstractHealthIndicator {

    private final DirectorySync sync;

    DirectoryHealthIndicator(DirectorySync sync) {
        this.sync = sync;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.status(sync.loaded() ? "UP" : "DOWN")
                .withDetail("startupImport", sync.loaded() ? "finished" : "running");
    }
}
