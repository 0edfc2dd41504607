package com.misdeliveryguard.app.client;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail-client add-ins ({@code guard.client.*}).
 *
 * @param ticketKey      HMAC key of the confirmation tickets (≥ 16 characters); unset = generated into
 *                       {@code <data-dir>/client/ticket.key} on first start. Set the same key on every
 *                       instance that shares a database.
 * @param ticketTtl      how long a ticket is honoured after the check that issued it
 * @param uncoveredRules rules whose findings a ticket never covers: such mail is held by the relay and
 *                       confirmed on the hold page (a learned recipient or past confirmation never
 *                       silences them either, SPEC §5)
 * @param allowedOrigins origins that get CORS headers on the check and search API, e.g.
 *                       {@code moz-extension://<uuid>}; empty = none
 */
@ConfigurationProperties("guard.client")
public record ClientProperties(String ticketKey, Duration ticketTtl, List<String> uncoveredRules,
        List<String> allowedOrigins) {

    public ClientProperties {
        ticketTtl = ticketTtl == null ? Duration.ofMinutes(5) : ticketTtl;
        if (ticketTtl.isNegative() || ticketTtl.isZero() || ticketTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("guard.client.ticket-ttl must be between 1s and 1h, not " + ticketTtl);
        }
        uncoveredRules = uncoveredRules == null ? List.of("lookalike-domain", "namesake-of-usual-recipient")
                : List.copyOf(uncoveredRules);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            if (origin.equals("*") || !origin.matches("[a-z][a-z0-9+.-]*://[^/\\s*]+")) {
                throw new IllegalArgumentException("guard.client.allowed-origins: '" + origin + "' is not one origin; "
                        + "give scheme://host[:port] such as moz-extension://<uuid>, never *");
            }
        }
    }
}
