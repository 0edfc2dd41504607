package com.misdeliveryguard.directory.ldap;

import com.misdeliveryguard.core.directory.SourceId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to read contacts from an LDAP server. Build with {@link #builder}; immutable.
 *
 * @param name         names the source: contacts are stored under source id {@code ldap:<name>}
 * @param host         server host
 * @param port         server port (389, or 636 with TLS)
 * @param tls          LDAPS with the JVM's default trust store
 * @param bindDn       the DN to bind as; empty for an anonymous search
 * @param password     the bind password
 * @param baseDn       where the search starts
 * @param filter       which entries are contacts; default {@code (mail=*)}
 * @param pageSize     entries per page of the paged search
 * @param timeout      connect and response timeout
 */
public record LdapSource(String name, String host, int port, boolean tls, Optional<String> bindDn, String password,
        String baseDn, String filter, int pageSize, Duration timeout) {

    public LdapSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("LDAP port out of range: " + port);
        }
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(baseDn, "baseDn");
        Objects.requireNonNull(filter, "filter");
        if (pageSize <= 0) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Builder builder(String name, String host, int port, String baseDn) {
        return new Builder(name, host, port, baseDn);
    }

    /** The source id the contacts of this server are stored under. */
    public SourceId sourceId() {
        return new SourceId("ldap:" + name);
    }

    /** {@code ldap://host:port/baseDn}, for reports; never the password. */
    public String url() {
        return (tls ? "ldaps://" : "ldap://") + host + ":" + port + "/" + baseDn;
    }

    @Override
    public String toString() {
        return "LdapSource[" + name + " " + url() + " bind=" + bindDn.orElse("anonymous") + "]";
    }

    /** Builds an {@link LdapSource}; defaults: no TLS, anonymous, {@code (mail=*)}, pages of 500, 10 s. */
    public static final class Builder {

        private final String name;
        private final String host;
        private final int port;
        private final String baseDn;
        private boolean tls;
        private Optional<String> bindDn = Optional.empty();
        private String password = "";
        private String filter = "(mail=*)";
        private int pageSize = 500;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(String name, String host, int port, String baseDn) {
            this.name = name;
            this.host = host;
            this.port = port;
            this.baseDn = baseDn;
        }

        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        public Builder bind(String dn, String password) {
            this.bindDn = Optional.of(dn);
            this.password = password;
            return this;
        }

        public Builder filter(String filter) {
            this.filter = filter;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public LdapSource build() {
            return new LdapSource(name, host, port, tls, bindDn, password, baseDn, filter, pageSize, timeout);
        }
    }
}
