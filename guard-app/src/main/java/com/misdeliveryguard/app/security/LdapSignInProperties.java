package com.misdeliveryguard.app.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in with the company directory ({@code guard.security.ldap.*}): console, {@code /my/held} and
 * SMTP AUTH check passwords by an LDAP bind. Off while {@code url} is unset; the users configured
 * in {@code guard.audit.users} and {@code guard.smtp.auth.users} keep working either way.
 *
 * @param url          {@code ldap://host:389} or {@code ldaps://host:636}
 * @param baseDn       where people are searched, e.g. {@code dc=example,dc=co,dc=jp}
 * @param userFilter   finds the person signing in; {@code {0}} is the name typed (escaped). Default
 *                     matches {@code uid}, {@code sAMAccountName}, {@code userPrincipalName} and {@code mail}
 * @param bindDn       service account for the search; unset = anonymous search
 * @param bindPassword its password
 * @param auditorGroup DN of the group whose members get role AUDITOR
 * @param adminGroup   DN of the group whose members get role ADMIN
 * @param clientGroup  DN of the group whose members get role CLIENT (the mail-client add-in: check
 *                     and directory search only); unset = no directory account gets it
 * @param timeout      connect and response timeout
 */
@ConfigurationProperties("guard.security.ldap")
public record LdapSignInProperties(String url, String baseDn, String userFilter, String bindDn, String bindPassword,
        String auditorGroup, String adminGroup, String clientGroup, Duration timeout) {

    public LdapSignInProperties {
        userFilter = userFilter == null || userFilter.isBlank()
                ? "(|(uid={0})(sAMAccountName={0})(userPrincipalName={0})(mail={0}))" : userFilter;
        bindPassword = bindPassword == null ? "" : bindPassword;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    /** True when a directory is configured. */
    public boolean enabled() {
        return url != null && !url.isBlank();
    }

    URI uri() {
        URI uri = URI.create(url.strip());
        if (!"ldap".equals(uri.getScheme()) && !"ldaps".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("guard.security.ldap.url must look like ldap://host:389 or "
                    + "ldaps://host:636, not " + url);
        }
        if (baseDn == null || baseDn.isBlank()) {
            throw new IllegalArgumentException("guard.security.ldap.base-dn is required with guard.security.ldap.url "
                    + "(where people are searched, e.g. dc=example,dc=co,dc=jp)");
        }
        return uri;
    }
}
