package com.misdeliveryguard.directory.ldap;

import com.misdeliveryguard.directory.importer.ContactReader;
import com.misdeliveryguard.directory.importer.ImportFailure;
import com.misdeliveryguard.directory.importer.RowSink;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;

/**
 * Reads every entry matching the source's filter, page by page, and hands each to the sink as a
 * contact. Which attributes mean what is {@link LdapEntries}' business.
 */
public final class LdapContactReader implements ContactReader {

    private final LdapSource source;

    public LdapContactReader(LdapSource source) {
        this.source = source;
    }

    @Override
    public String origin() {
        return source.url();
    }

    @Override
    public void read(RowSink sink) throws ImportFailure {
        try (LDAPConnection connection = connect()) {
            if (source.bindDn().isPresent()) {
                connection.bind(source.bindDn().get(), source.password());
            }
            SearchRequest request = new SearchRequest(source.baseDn(), SearchScope.SUB, source.filter(),
                    LdapEntries.ATTRIBUTES);
            ASN1OctetString cookie = null;
            do {
                request.setControls(new SimplePagedResultsControl(source.pageSize(), cookie));
                SearchResult page = connection.search(request);
                for (SearchResultEntry entry : page.getSearchEntries()) {
                    sink.contact(LdapEntries.contact(entry));
                }
                SimplePagedResultsControl response = SimplePagedResultsControl.get(page);
                cookie = response == null ? null : response.getCookie();
            } while (cookie != null && cookie.getValueLength() > 0);
        } catch (LDAPException e) {
            throw new ImportFailure("LDAP server " + source.url() + " failed: " + e.getResultCode() + ": "
                    + e.getDiagnosticMessage() + " (" + e.getExceptionMessage() + ")", 0);
        }
    }

    private LDAPConnection connect() throws LDAPException, ImportFailure {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) source.timeout().toMillis());
        options.setResponseTimeoutMillis(source.timeout().toMillis());
        if (!source.tls()) {
            return new LDAPConnection(options, source.host(), source.port());
        }
        try {
            SSLUtil ssl = new SSLUtil(JVMDefaultTrustManager.getInstance());
            return new LDAPConnection(ssl.createSSLSocketFactory(), options, source.host(), source.port());
        } catch (GeneralSecurityException e) {
            throw new ImportFailure("cannot set up TLS for " + source.url() + ": " + e.getMessage(), 0);
        }
    }
}
