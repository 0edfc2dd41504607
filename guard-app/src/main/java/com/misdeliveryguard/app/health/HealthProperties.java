package com.misdeliveryguard.app.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Storage health ({@code guard.health.*}).
 *
 * @param probeInterval how often the spool and the database are probed (a failed commit probes at once)
 * @param probeTimeout  longest wait for the database to confirm a connection is valid
 */
@ConfigurationProperties("guard.health")
public record HealthProperties(Duration probeInterval, Duration probeTimeout) {

    public HealthProperties {
        probeInterval = probeInterval == null ? Duration.ofSeconds(2) : probeInterval;
        probeTimeout = probeTimeout == null ? Duration.ofSeconds(3) : probeTimeout;
        if (probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("guard.health.probe-interval must be positive, not " + probeInterval);
        }
    }
}
