package com.misdeliveryguard.app.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whom each sender writes to ({@code guard.sender-history.*}, ADR 0007).
 *
 * @param enabled   whether deliveries are recorded and {@code namesake-of-usual-recipient} reads them (true)
 * @param perSender correspondents kept per sender; the least recently written-to are forgotten first (500)
 * @param retention how long after the last delivery a correspondent is remembered (180 days)
 */
@ConfigurationProperties("guard.sender-history")
public record SenderHistoryProperties(Boolean enabled, Integer perSender, Duration retention) {

    public SenderHistoryProperties {
        enabled = enabled == null || enabled;
        perSender = perSender == null ? 500 : perSender;
        retention = retention == null ? Duration.ofDays(180) : retention;
        if (perSender < 1 || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("guard.sender-history.per-sender and .retention must be positive");
        }
    }
}
