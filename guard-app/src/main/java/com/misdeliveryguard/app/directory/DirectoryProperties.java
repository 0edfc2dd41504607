package com.misdeliveryguard.app.directory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The address directory ({@code guard.directory.*}).
 *
 * @param importFiles  files imported at start-up ({@code guard.directory.import}); unset in demo mode = the
 *                     bundled demo directory. Canonical CSV, Outlook/Google CSV or vCard, recognized by content.
 * @param cacheSize    entries per lookup cache
 * @param cacheTtl     how long a cached lookup is trusted
 * @param ldap         LDAP / Active Directory sources synchronized at start-up and on a schedule
 */
@ConfigurationProperties("guard.directory")
public record DirectoryProperties(@org.springframework.boot.context.properties.bind.Name("import") List<Path> importFiles,
        Long cacheSize, Duration cacheTtl, List<Ldap> ldap) {

    public DirectoryProperties {
        cacheSize = cacheSize == null ? 100_000L : cacheSize;
        cacheTtl = cacheTtl == null ? Duration.ofMinutes(5) : cacheTtl;
        ldap = ldap == null ? List.of() : List.copyOf(ldap);
    }

    /**
     * @param name     source name (contacts removed from LDAP are removed only from this source)
     * @param host     server host
     * @param port     server port
     * @param tls      LDAPS
     * @param baseDn   search base
     * @param bindDn   bind DN, unset = anonymous
     * @param password bind password
     * @param filter   search filter, default {@code (mail=*)}
     * @param interval re-sync interval, default 1 hour
     */
    public record Ldap(String name, String host, Integer port, boolean tls, String baseDn, String bindDn,
            String password, String filter, Duration interval) {
        public Ldap {
            port = port == null ? (tls ? 636 : 389) : port;
            interval = interval == null ? Duration.ofHours(1) : interval;
        }
    }
}
