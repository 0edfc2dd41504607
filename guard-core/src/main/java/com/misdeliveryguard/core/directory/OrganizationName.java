package com.misdeliveryguard.core.directory;

import java.util.Objects;

/**
 * An organization's name as people write it, with the key under which names that differ only in
 * width, spacing and company-form words ({@code 株式会社}, {@code ㈱}, {@code (株)}, {@code Inc.},
 * {@code Co., Ltd.}, {@code K.K.}, …) are one organization. Equality is by key.
 */
public final class OrganizationName {

    static final int MAX_LENGTH = 300;

    private final String display;
    private final String key;

    private OrganizationName(String display, String key) {
        this.display = display;
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when the name is blank, too long or holds control characters
     */
    public static OrganizationName of(String name) {
        Objects.requireNonNull(name, "name");
        String display = TextKeys.collapseSpaces(name);
        if (display.isEmpty()) {
            throw new IllegalArgumentException("empty organization name");
        }
        if (display.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("organization name longer than " + MAX_LENGTH + " characters");
        }
        if (display.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control character in organization name");
        }
        return new OrganizationName(display, CompanyForms.key(display));
    }

    /** The key of any text as an organization name (for lookups with what a message says). */
    public static String keyOf(String text) {
        return CompanyForms.key(text);
    }

    /** The name as it was first written. */
    public String display() {
        return display;
    }

    /** The comparison key: NFKC, lower-case, no spaces, no company-form words. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrganizationName other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return display;
    }
}
