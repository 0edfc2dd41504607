package com.misdeliveryguard.app.security;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.SSLUtil;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords against the company directory (LDAP or Active Directory) by a bind, the way
 * directory-backed mail servers do: search the person with the service account (the name typed is
 * escaped into {@code user-filter}; exactly one entry must match), then bind as that entry with the
 * password. An empty password is refused before the server is asked (an LDAP "unauthenticated bind"
 * with a DN and no password succeeds on many servers). Roles come from the configured groups: the
 * person's {@code memberOf} values, or the group entry's {@code member}/{@code uniqueMember} values.
 *
 * <p>Thread-safe; one short connection per check. A directory that cannot be reached refuses the
 * sign-in (fail closed) and is logged.
 */
public final class DirectoryAccounts {

    private static final Logger log = LoggerFactory.getLogger(DirectoryAccounts.class);
    private static final int MAX_REMEMBERED = 10_000;

    private final LdapSignInProperties properties;
    private final URI uri;
    private final Map<String, List<String>> addressesByUser = new ConcurrentHashMap<>();

    public DirectoryAccounts(LdapSignInProperties properties) {
        this.properties = properties;
        this.uri = properties.uri();
    }

    /** The account when the password is right; empty when it is not, or the directory cannot be asked. */
    public Optional<DirectoryAccount> authenticate(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()
                || username.length() > 256) {
            return Optional.empty();
        }
        try (LDAPConnection search = connect()) {
            if (properties.bindDn() != null && !properties.bindDn().isBlank()) {
                search.bind(properties.bindDn(), properties.bindPassword());
            }
            String filter = properties.userFilter().replace("{0}", Filter.encodeValue(username.strip()));
            SearchResult found = search.search(properties.baseDn(), SearchScope.SUB, Filter.create(filter), "mail",
                    "proxyAddresses", "memberOf");
            if (found.getEntryCount() != 1) {
                return Optional.empty();
            }
            SearchResultEntry entry = found.getSearchEntries().get(0);
            if (!bind(entry.getDN(), password)) {
                return Optional.empty();
            }
            DirectoryAccount account = new DirectoryAccount(username.strip(), entry.getDN(), addresses(entry),
                    roles(search, entry));
            remember(account);
            return Optional.of(account);
        } catch (LDAPException e) {
            log.warn("Directory sign-in of {} failed: {}", username, e.getResultCode());
            return Optional.empty();
        }
    }

    /**
     * The addresses of a person who signed in with the directory since the start (for SMTP sender
     * ownership after SMTP AUTH); empty when unknown.
     */
    public List<String> addressesOf(String username) {
        return addressesByUser.getOrDefault(username, List.of());
    }

    private void remember(DirectoryAccount account) {
        if (addressesByUser.size() >= MAX_REMEMBERED) {
            addressesByUser.clear();
        }
        addressesByUser.put(account.username(), account.addresses());
    }

    private boolean bind(String dn, String password) throws LDAPException {
        try (LDAPConnection user = connect()) {
            BindResult result = user.bind(dn, password);
            return result.getResultCode() == ResultCode.SUCCESS;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw e;
        }
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) properties.timeout().toMillis());
        options.setResponseTimeoutMillis(properties.timeout().toMillis());
        int port = uri.getPort() > 0 ? uri.getPort() : "ldaps".equals(uri.getScheme()) ? 636 : 389;
        if ("ldaps".equals(uri.getScheme())) {
            try {
                return new LDAPConnection(new SSLUtil().createSSLSocketFactory(), options, uri.getHost(), port);
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.CONNECT_ERROR, "cannot set up TLS", e);
            }
        }
        return new LDAPConnection(options, uri.getHost(), port);
    }

    private static List<String> addresses(SearchResultEntry entry) {
        Set<String> out = new LinkedHashSet<>();
        for (String mail : values(entry, "mail")) {
            out.add(mail.strip().toLowerCase(Locale.ROOT));
        }
        for (String proxy : values(entry, "proxyAddresses")) {
            if (proxy.regionMatches(true, 0, "smtp:", 0, 5)) {
                out.add(proxy.substring(5).strip().toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    private Set<String> roles(LDAPConnection search, SearchResultEntry entry) throws LDAPException {
        Set<String> roles = new LinkedHashSet<>();
        if (member(search, entry, properties.auditorGroup())) {
            roles.add("AUDITOR");
        }
        if (member(search, entry, properties.adminGroup())) {
            roles.add("ADMIN");
        }
        if (member(search, entry, properties.clientGroup())) {
            roles.add("CLIENT");
        }
        return roles;
    }

    private static boolean member(LDAPConnection search, SearchResultEntry entry, String group) throws LDAPException {
        if (group == null || group.isBlank()) {
            return false;
        }
        DN groupDn = new DN(group);
        DN person = new DN(entry.getDN());
        for (String memberOf : values(entry, "memberOf")) {
            if (new DN(memberOf).equals(groupDn)) {
                return true;
            }
        }
        SearchResultEntry g = search.getEntry(group, "member", "uniqueMember");
        if (g == null) {
            return false;
        }
        for (String attribute : List.of("member", "uniqueMember")) {
            for (String member : values(g, attribute)) {
                if (new DN(member).equals(person)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String[] values(SearchResultEntry entry, String attribute) {
        String[] v = entry.getAttributeValues(attribute);
        return v == null ? new String[0] : v;
    }
}
