package com.misdeliveryguard.directory.ldap;

import com.misdeliveryguard.directory.importer.RawContact;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps an LDAP entry to a contact, for OpenLDAP-style ({@code inetOrgPerson}) and Active Directory
 * entries alike: {@code mail} is the primary address and {@code proxyAddresses} {@code smtp:}
 * values are aliases; {@code displayName} or {@code cn} the name, {@code sn}/{@code givenName} its
 * parts; AD's {@code msDS-Phonetic*} attributes the reading; {@code company} or {@code o} the
 * organization; {@code department} or {@code ou} the department.
 */
final class LdapEntries {

    static final String[] ATTRIBUTES = {"mail", "proxyAddresses", "displayName", "cn", "sn", "givenName",
        "msDS-PhoneticDisplayName", "msDS-PhoneticLastName", "msDS-PhoneticFirstName", "company", "o",
        "department", "ou"};

    private LdapEntries() {
    }

    static RawContact contact(Entry entry) {
        List<String> addresses = new ArrayList<>();
        String mail = first(entry, "mail");
        if (!mail.isEmpty()) {
            addresses.add(mail);
        }
        String[] proxies = entry.getAttributeValues("proxyAddresses");
        if (proxies != null) {
            for (String proxy : proxies) {
                if (proxy.toLowerCase(Locale.ROOT).startsWith("smtp:")) {
                    addresses.add(proxy.substring(5));
                }
            }
        }
        return new RawContact(0, entry.getDN(), addresses, first(entry, "displayName", "cn"), first(entry, "sn"),
                first(entry, "givenName"), first(entry, "msDS-PhoneticDisplayName"),
                first(entry, "msDS-PhoneticLastName"), first(entry, "msDS-PhoneticFirstName"),
                first(entry, "company", "o"), first(entry, "department", "ou"));
    }

    /** The first value of the first attribute that has one, or "". */
    private static String first(Entry entry, String... attributes) {
        for (String attribute : attributes) {
            String value = entry.getAttributeValue(attribute);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
