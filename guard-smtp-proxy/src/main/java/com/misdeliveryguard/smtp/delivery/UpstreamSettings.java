package com.misdeliveryguard.smtp.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * How to reach the smart host. Immutable and validated when built; {@link #toString()} never shows
 * the password.
 *
 * <pre>
 * UpstreamSettings.builder("smtp.example.com", 587)
 *         .tls(UpstreamSettings.Tls.STARTTLS)
 *         .credentials("guard", secret)
 *         .localHostName("guard.example.com")
 *         .build();
 * </pre>
 *
 * <p>Timeouts are always set (Jakarta Mail's own default is to wait forever): connect 30 s, read and
 * write 5 min unless configured otherwise.
 */
public final class UpstreamSettings {

    /** Transport security toward the smart host. */
    public enum Tls {
        /** Plain SMTP. */
        NONE,
        /** STARTTLS is required; a host that does not offer it is a (temporary) failure, never plain delivery. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        IMPLICIT
    }

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofMinutes(5);

    private final String host;
    private final int port;
    private final Tls tls;
    private final String username;
    private final String password;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final String localHostName;
    private final SSLSocketFactory sslSocketFactory;

    private UpstreamSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.tls = b.tls;
        this.username = b.username;
        this.password = b.password;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.localHostName = b.localHostName;
        this.sslSocketFactory = b.sslSocketFactory;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Tls tls() {
        return tls;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Present exactly when {@link #username()} is. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** The name sent in EHLO; empty means Jakarta Mail's default (the canonical local host name). */
    public Optional<String> localHostName() {
        return Optional.ofNullable(localHostName);
    }

    /** A socket factory for TLS (e.g. with a test trust store); empty means the JVM default trust. */
    public Optional<SSLSocketFactory> sslSocketFactory() {
        return Optional.ofNullable(sslSocketFactory);
    }

    /** {@code host:port}, for replies and logs. */
    public String hostAndPort() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "UpstreamSettings[" + hostAndPort() + ", tls=" + tls
                + (username == null ? "" : ", username=" + username + ", password=***") + "]";
    }

    /** Builds {@link UpstreamSettings}; every setter validates its argument. */
    public static final class Builder {

        private final String host;
        private final int port;
        private Tls tls = Tls.NONE;
        private String username;
        private String password;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private String localHostName;
        private SSLSocketFactory sslSocketFactory;

        private Builder(String host, int port) {
            this.host = token(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535, was " + port);
            }
            this.port = port;
        }

        public Builder tls(Tls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** AUTH credentials; a host that then offers no AUTH is a (temporary) failure. */
        public Builder credentials(String username, String password) {
            this.username = token(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout(timeout, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout(timeout, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout(timeout, "writeTimeout");
            return this;
        }

        /** Sets connect, read and write timeout at once (tests). */
        public Builder timeouts(Duration timeout) {
            return connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout);
        }

        public Builder localHostName(String name) {
            this.localHostName = token(name, "localHostName");
            return this;
        }

        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        public UpstreamSettings build() {
            return new UpstreamSettings(this);
        }

        private static String token(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException(name + " must be non-empty printable ASCII without spaces");
            }
            return value;
        }

        private static Duration timeout(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be positive and at most 24 days");
            }
            return timeout;
        }
    }
}
