package com.misdeliveryguard.smtp.listener;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Everything the listener needs to know, fixed at start-up. Built with {@link #builder()}; the
 * defaults are those of SPEC §9.
 */
public final class ListenerSettings {

    final InetAddress bind;
    final int port;
    final String hostName;
    final long maxMessageSize;
    final int maxRecipients;
    final int maxConnections;
    final int maxConnectionsPerClient;
    final Duration readTimeout;
    final Duration commandDeadline;
    final Duration dataDeadline;
    final long minDataRate;
    final Optional<SSLContext> tls;
    final boolean requireTls;
    final Optional<SmtpAuthenticator> authenticator;
    final boolean authRequired;
    final boolean plainAuthOnLoopback;
    final List<CidrBlock> trustedNetworks;
    final SenderOwnership senderOwnership;
    final CommitGate commitGate;

    private ListenerSettings(Builder b) {
        this.bind = Objects.requireNonNull(b.bind, "bind");
        this.port = b.port;
        this.hostName = Objects.requireNonNull(b.hostName, "hostName");
        this.maxMessageSize = b.maxMessageSize;
        this.maxRecipients = b.maxRecipients;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerClient = b.maxConnectionsPerClient;
        this.readTimeout = b.readTimeout;
        this.commandDeadline = b.commandDeadline;
        this.dataDeadline = b.dataDeadline;
        this.minDataRate = b.minDataRate;
        this.tls = Optional.ofNullable(b.tls);
        this.requireTls = b.requireTls;
        this.authenticator = Optional.ofNullable(b.authenticator);
        this.authRequired = b.authRequired;
        this.plainAuthOnLoopback = b.plainAuthOnLoopback;
        this.trustedNetworks = List.copyOf(b.trustedNetworks);
        this.senderOwnership = Objects.requireNonNull(b.senderOwnership, "senderOwnership");
        this.commitGate = Objects.requireNonNull(b.commitGate, "commitGate");
        if (requireTls && tls.isEmpty()) {
            throw new IllegalArgumentException("TLS is required but no certificate is configured");
        }
        if (authRequired && authenticator.isEmpty()) {
            throw new IllegalArgumentException("AUTH is required but no users are configured");
        }
        if (maxMessageSize <= 0 || maxRecipients <= 0 || maxConnections <= 0 || maxConnectionsPerClient <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private int port = 2525;
        private String hostName = "localhost";
        private long maxMessageSize = 25L * 1024 * 1024;
        private int maxRecipients = 100;
        private int maxConnections = 200;
        private int maxConnectionsPerClient = 50;
        private Duration readTimeout = Duration.ofMinutes(5);
        private Duration commandDeadline = Duration.ofMinutes(5);
        private Duration dataDeadline = Duration.ofMinutes(30);
        private long minDataRate = 1024;
        private SSLContext tls;
        private boolean requireTls;
        private SmtpAuthenticator authenticator;
        private boolean authRequired;
        private boolean plainAuthOnLoopback;
        private List<CidrBlock> trustedNetworks = List.of(CidrBlock.parse("127.0.0.0/8"), CidrBlock.parse("::1"));
        private SenderOwnership senderOwnership = SenderOwnership.ANY;
        private CommitGate commitGate = CommitGate.ALWAYS_OPEN;

        private Builder() {
        }

        public Builder bind(InetAddress bind) {
            this.bind = bind;
            return this;
        }

        /** 0 picks a free port (tests). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder hostName(String hostName) {
            this.hostName = hostName;
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder maxRecipients(int maxRecipients) {
            this.maxRecipients = maxRecipients;
            return this;
        }

        public Builder maxConnections(int total, int perClient) {
            this.maxConnections = total;
            this.maxConnectionsPerClient = perClient;
            return this;
        }

        /** Longest silence on a read before the connection is dropped. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Longest time a client may take to send one complete command line. */
        public Builder commandDeadline(Duration commandDeadline) {
            this.commandDeadline = commandDeadline;
            return this;
        }

        /** Longest DATA phase, and the minimum rate in bytes per second once past the first 30 s. */
        public Builder dataLimits(Duration deadline, long minBytesPerSecond) {
            this.dataDeadline = deadline;
            this.minDataRate = minBytesPerSecond;
            return this;
        }

        public Builder tls(SSLContext context, boolean required) {
            this.tls = context;
            this.requireTls = required;
            return this;
        }

        /**
         * Enables AUTH PLAIN/LOGIN. {@code required}: refuse MAIL without AUTH even from trusted networks.
         * {@code plainOnLoopback}: allow AUTH without TLS for loopback clients.
         */
        public Builder auth(SmtpAuthenticator authenticator, boolean required, boolean plainOnLoopback) {
            this.authenticator = authenticator;
            this.authRequired = required;
            this.plainAuthOnLoopback = plainOnLoopback;
            return this;
        }

        public Builder trustedNetworks(List<CidrBlock> networks) {
            this.trustedNetworks = networks;
            return this;
        }

        public Builder senderOwnership(SenderOwnership senderOwnership) {
            this.senderOwnership = senderOwnership;
            return this;
        }

        /** Closes MAIL with {@code 451} while storage cannot commit; hears every failed commit. */
        public Builder commitGate(CommitGate commitGate) {
            this.commitGate = commitGate;
            return this;
        }

        public ListenerSettings build() {
            return new ListenerSettings(this);
        }
    }
}
