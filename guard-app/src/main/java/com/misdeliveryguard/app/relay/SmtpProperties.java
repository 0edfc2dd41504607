package com.misdeliveryguard.app.relay;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP listener ({@code guard.smtp.*}).
 *
 * @param bind                   address to listen on
 * @param port                   port to listen on
 * @param maxMessageSize         largest message accepted, counted by the guard
 * @param maxRecipients          recipients per message; more get 452
 * @param maxConnections         concurrent sessions in total
 * @param maxConnectionsPerClient concurrent sessions per client address
 * @param readTimeout            longest silence on one read
 * @param commandDeadline        longest time to send one complete command line
 * @param dataDeadline           longest DATA phase
 * @param minDataRate            minimum DATA rate in bytes per second after the first 30 seconds
 * @param trustedNetworks        networks allowed to relay without AUTH (MTAs)
 * @param tls                    STARTTLS
 * @param auth                   SMTP AUTH users
 */
@ConfigurationProperties("guard.smtp")
public record SmtpProperties(String bind, Integer port, DataSize maxMessageSize, Integer maxRecipients,
        Integer maxConnections, Integer maxConnectionsPerClient, Duration readTimeout, Duration commandDeadline,
        Duration dataDeadline, Long minDataRate, List<String> trustedNetworks, Tls tls, Auth auth) {

    public SmtpProperties {
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? 2525 : port;
        maxMessageSize = maxMessageSize == null ? DataSize.ofMegabytes(25) : maxMessageSize;
        maxRecipients = maxRecipients == null ? 100 : maxRecipients;
        maxConnections = maxConnections == null ? 200 : maxConnections;
        maxConnectionsPerClient = maxConnectionsPerClient == null ? 50 : maxConnectionsPerClient;
        readTimeout = readTimeout == null ? Duration.ofMinutes(5) : readTimeout;
        commandDeadline = commandDeadline == null ? Duration.ofMinutes(5) : commandDeadline;
        dataDeadline = dataDeadline == null ? Duration.ofMinutes(30) : dataDeadline;
        minDataRate = minDataRate == null ? 1024L : minDataRate;
        trustedNetworks = trustedNetworks == null ? List.of("127.0.0.0/8", "::1") : List.copyOf(trustedNetworks);
        tls = tls == null ? new Tls(null, false) : tls;
        auth = auth == null ? new Auth(List.of(), false, false, true) : auth;
    }

    /**
     * @param bundle  name of a Spring SSL bundle ({@code spring.ssl.bundle.pem.<name>…} or {@code .jks.<name>…});
     *                unset means no STARTTLS
     * @param require refuse everything but EHLO/STARTTLS/NOOP/RSET/QUIT before TLS
     */
    public record Tls(String bundle, boolean require) {
    }

    /**
     * @param users                  users allowed to authenticate
     * @param required               refuse MAIL without AUTH, even from trusted networks
     * @param allowPlainOnLoopback   allow AUTH without TLS for loopback clients (local testing, a local MTA)
     * @param enforceSenderOwnership an authenticated user may use only the MAIL FROM addresses listed for them
     */
    public record Auth(List<User> users, boolean required, boolean allowPlainOnLoopback,
            Boolean enforceSenderOwnership) {
        public Auth {
            users = users == null ? List.of() : List.copyOf(users);
            enforceSenderOwnership = enforceSenderOwnership == null || enforceSenderOwnership;
        }
    }

    /**
     * @param name         the AUTH user name
     * @param passwordHash bcrypt hash ({@code $2a$…}/{@code $2b$…}); never a clear password
     * @param addresses    MAIL FROM addresses this user may use; {@code *@example.co.jp} allows a whole domain
     */
    public record User(String name, String passwordHash, List<String> addresses) {
        public User {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }
}
