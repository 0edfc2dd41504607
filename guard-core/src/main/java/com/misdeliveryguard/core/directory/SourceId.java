package com.misdeliveryguard.core.directory;

import java.util.Objects;

/**
 * Where a contact came from: a file name ({@code contacts.csv}) or an LDAP source name
 * ({@code ldap:corp}). A re-sync of a source may remove the contacts that carry its id and no
 * others.
 *
 * @param value 1 to 200 characters, no control characters
 */
public record SourceId(String value) {

    static final int MAX_LENGTH = 200;

    /**
     * Contacts an administrator added from a sender's request on the confirmation page. They are
     * real contacts for every rule but one: they never vouch for their domain against
     * {@code lookalike-domain} (ADR 0008) — a request to add {@code tanaka@aoba-shoji.com} is exactly
     * what a misdelivery to a look-alike of {@code aoba-shoji.co.jp} produces.
     */
    public static final SourceId REQUESTS = new SourceId("requests");

    /**
     * Contacts added from a request with the administrator's explicit, logged override of the
     * look-alike warning: they vouch for their domain like any import.
     */
    public static final SourceId REQUESTS_OVERRIDE = new SourceId("requests-override");

    public SourceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a source id is 1 to " + MAX_LENGTH
                    + " printable characters: '" + value + "'");
        }
    }

    /**
     * True when contacts of this source make their domain trusted against {@code lookalike-domain}:
     * every source except {@link #REQUESTS}.
     */
    public boolean vouchesForDomain() {
        return !equals(REQUESTS);
    }

    @Override
    public String toString() {
        return value;
    }
}
