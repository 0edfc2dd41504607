package com.misdeliveryguard.core.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * The envelope sender of RFC 5321 §4.1.2: a mailbox, or the null path {@code <>} used by
 * delivery status notifications. Never an unchecked string.
 */
public final class ReversePath {

    /** The null reverse path {@code <>}. */
    public static final ReversePath NULL = new ReversePath(null);

    private final MailAddress address;

    private ReversePath(MailAddress address) {
        this.address = address;
    }

    public static ReversePath of(MailAddress address) {
        return new ReversePath(Objects.requireNonNull(address, "address"));
    }

    public boolean isNull() {
        return address == null;
    }

    public Optional<MailAddress> address() {
        return Optional.ofNullable(address);
    }

    /** {@code <>} or {@code <local@domain>}. */
    public String toSmtpPath() {
        return isNull() ? "<>" : address.toSmtpPath();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReversePath other && Objects.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(address);
    }

    @Override
    public String toString() {
        return toSmtpPath();
    }
}
