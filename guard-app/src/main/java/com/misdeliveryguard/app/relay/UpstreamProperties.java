package com.misdeliveryguard.app.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The smart host that delivered mail goes to ({@code guard.upstream.*}). Without a host the guard
 * runs in demo mode and writes delivered mail to {@code <data-dir>/outbox}.
 *
 * @param host           smart host name; unset = demo outbox
 * @param port           smart host port
 * @param tls            {@code none}, {@code starttls} (required, server identity checked) or {@code implicit}
 * @param username       AUTH user at the smart host, if it needs one
 * @param password       its password
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    timeout of each read
 * @param writeTimeout   timeout of each write
 */
@ConfigurationProperties("guard.upstream")
public record UpstreamProperties(String host, Integer port, String tls, String username, String password,
        Duration connectTimeout, Duration readTimeout, Duration writeTimeout) {

    public UpstreamProperties {
        port = port == null ? 25 : port;
        tls = tls == null ? "none" : tls;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofMinutes(5) : readTimeout;
        writeTimeout = writeTimeout == null ? Duration.ofMinutes(5) : writeTimeout;
    }

    boolean demoMode() {
        return host == null || host.isBlank();
    }
}
