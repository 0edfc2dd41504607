package com.misdeliveryguard.app.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery and retry ({@code guard.delivery.*}); defaults follow Postfix.
 *
 * @param workers         concurrent upstream deliveries
 * @param minimalBackoff  first retry delay, doubled per attempt
 * @param maximalBackoff  longest retry delay
 * @param maximalLifetime after this, undelivered recipients bounce
 * @param queueRunInterval how often deferred messages are checked for their next attempt
 * @param drainTime       at shutdown, how long deliveries in flight may take to finish (what is
 *                        cut short is tried again after the restart, never to a recipient whose
 *                        250 was recorded)
 */
@ConfigurationProperties("guard.delivery")
public record DeliveryProperties(Integer workers, Duration minimalBackoff, Duration maximalBackoff,
        Duration maximalLifetime, Duration queueRunInterval, Duration drainTime) {

    public DeliveryProperties {
        workers = workers == null ? 16 : workers;
        minimalBackoff = minimalBackoff == null ? Duration.ofSeconds(300) : minimalBackoff;
        maximalBackoff = maximalBackoff == null ? Duration.ofSeconds(4000) : maximalBackoff;
        maximalLifetime = maximalLifetime == null ? Duration.ofDays(5) : maximalLifetime;
        queueRunInterval = queueRunInterval == null ? Duration.ofSeconds(10) : queueRunInterval;
        drainTime = drainTime == null ? Duration.ofSeconds(30) : drainTime;
    }
}
