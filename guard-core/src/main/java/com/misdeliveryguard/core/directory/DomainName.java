package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A domain name, checked once and then trusted: lower-case ASCII, internationalized labels in
 * their {@code xn--} form, the same grammar that {@link MailAddress} accepts for its domain.
 * {@link #of} accepts what people type — full-width letters, {@code 。} as the dot, Unicode labels,
 * a leading {@code @} — and normalizes it.
 */
public final class DomainName implements Comparable<DomainName> {

    private final String ascii;

    private DomainName(String ascii) {
        this.ascii = ascii;
    }

    /**
     * Normalizes and checks a domain.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DomainName of(String text) {
        Objects.requireNonNull(text, "domain");
        String normalized = TextKeys.nfkc(text);
        if (normalized.startsWith("@")) {
            normalized = normalized.substring(1);
        }
        if (normalized.endsWith(".")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        String ascii = Idn.toAscii(normalized)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a valid domain name (IDNA)"));
        try {
            return new DomainName(MailAddress.parse("postmaster@" + ascii).domain());
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid domain name: " + e.getMessage());
        }
    }

    /** {@link #of(String)}, empty instead of an exception for text that is no valid domain. */
    public static Optional<DomainName> parse(String text) {
        try {
            return Optional.of(of(text));
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }

    /** The domain of a checked address (already ASCII and lower-case). */
    public static DomainName of(MailAddress address) {
        return new DomainName(address.domain());
    }

    /** Lower-case ASCII, {@code xn--} labels for internationalized names. */
    public String ascii() {
        return ascii;
    }

    /** The form to show people: Unicode labels decoded. */
    public String unicode() {
        return Idn.toUnicode(ascii);
    }

    /**
     * The domain without its first label, while that leaves at least two labels: {@code aoba.co.jp} for
     * {@code mail.aoba.co.jp}, {@code co.jp} for {@code aoba.co.jp}, empty for {@code co.jp}. Not checked
     * again: the parent of a checked name is a checked name (even when its IDNA form would not be).
     */
    public Optional<DomainName> parent() {
        int dot = ascii.indexOf('.');
        String rest = ascii.substring(dot + 1);
        return rest.indexOf('.') < 0 ? Optional.empty() : Optional.of(new DomainName(rest));
    }

    /** True when this is the other domain or one of its sub-domains. */
    public boolean isWithin(DomainName other) {
        return ascii.equals(other.ascii) || ascii.endsWith("." + other.ascii);
    }

    @Override
    public int compareTo(DomainName other) {
        return ascii.compareTo(other.ascii);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainName other && ascii.equals(other.ascii);
    }

    @Override
    public int hashCode() {
        return ascii.hashCode();
    }

    @Override
    public String toString() {
        return ascii;
    }
}
