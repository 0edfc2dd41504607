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

    public SourceId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a source id is 1 to " + MAX_LENGTH
                    + " printable characters: '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
