package com.misdeliveryguard.core.mail;

import java.util.Locale;
import java.util.Objects;

/**
 * A mailbox ({@code local-part@domain}) accepted by our strict RFC 5321 parser. Once built, an
 * address is trusted everywhere: the domain is lower-case ASCII (IDNs arrive as {@code xn--} labels),
 * the local part is a dot-string without routing characters.
 *
 * <p>Grammar accepted, from RFC 5321 §4.1.2 (narrowed on purpose):
 * <pre>
 *   Mailbox    = Local-part "@" Domain          ; address-literal refused
 *   Local-part = Dot-string                     ; Quoted-string refused
 *   Dot-string = Atom *("."  Atom)
 *   Atom       = 1*atext                        ; minus "%" and "!" (sender routing)
 *   Domain     = sub-domain 1*("." sub-domain)  ; at least two labels
 *   sub-domain = Let-dig [Ldh-str]              ; at most 63 octets
 * </pre>
 * Limits from §4.5.3.1: local part 64 octets, domain 255 octets, path 256 octets.
 */
public final class MailAddress {

    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DOMAIN = 255;
    static final int MAX_MAILBOX = 254;
    private static final String ATEXT_SPECIALS = "#$&'*+-/=?^_`{|}~";

    private final String localPart;
    private final String domain;

    private MailAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
    }

    /**
     * Parses a bare mailbox (no angle brackets).
     *
     * @throws InvalidAddressException naming the {@link InvalidAddressException.Problem}
     */
    public static MailAddress parse(String mailbox) throws InvalidAddressException {
        Objects.requireNonNull(mailbox, "mailbox");
        for (int i = 0; i < mailbox.length(); i++) {
            if (mailbox.charAt(i) >= 0x80) { // DEL and controls are ASCII: refused below as SYNTAX
                throw new InvalidAddressException(InvalidAddressException.Problem.NON_ASCII,
                        "non-ASCII address; this relay does not offer SMTPUTF8");
            }
        }
        if (mailbox.length() > MAX_MAILBOX) {
            throw new InvalidAddressException(InvalidAddressException.Problem.TOO_LONG, "address too long");
        }
        if (mailbox.startsWith("@") && mailbox.indexOf(':') > 0) { // "@a,@b:user@c"; a bare "@c" is SYNTAX
            throw new InvalidAddressException(InvalidAddressException.Problem.ROUTING, "source routes are refused");
        }
        if (mailbox.startsWith("\"")) {
            throw new InvalidAddressException(InvalidAddressException.Problem.QUOTED, "quoted local parts are refused");
        }
        int at = mailbox.indexOf('@');
        if (at < 0) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "address without a domain");
        }
        if (mailbox.indexOf('@', at + 1) >= 0) {
            throw new InvalidAddressException(InvalidAddressException.Problem.ROUTING, "more than one @ in the address");
        }
        String local = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        checkLocalPart(local);
        return new MailAddress(local, checkDomain(domain));
    }

    /** Like {@link #parse} for values that are known to be valid (configuration, tests). */
    public static MailAddress of(String mailbox) {
        try {
            return parse(mailbox);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("invalid address '" + mailbox + "': " + e.getMessage(), e);
        }
    }

    private static void checkLocalPart(String local) throws InvalidAddressException {
        if (local.isEmpty()) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "empty local part");
        }
        if (local.length() > MAX_LOCAL_PART) {
            throw new InvalidAddressException(InvalidAddressException.Problem.TOO_LONG, "local part longer than 64 octets");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "misplaced dot in local part");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '%' || c == '!') {
                throw new InvalidAddressException(InvalidAddressException.Problem.ROUTING,
                        "routing character '" + c + "' in local part");
            }
            if (!(isAlnum(c) || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0)) {
                throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX,
                        "character not allowed in local part");
            }
        }
    }

    private static String checkDomain(String domain) throws InvalidAddressException {
        if (domain.startsWith("[")) {
            throw new InvalidAddressException(InvalidAddressException.Problem.DOMAIN_LITERAL, "domain literals are refused");
        }
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "missing or overlong domain");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "domain must be fully qualified");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "invalid domain label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isAlnum(c) || c == '-')) {
                    throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX,
                            "character not allowed in domain");
                }
            }
        }
        String tld = labels[labels.length - 1];
        if (tld.chars().allMatch(Character::isDigit)) {
            throw new InvalidAddressException(InvalidAddressException.Problem.DOMAIN_LITERAL, "numeric top-level domain");
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public String localPart() {
        return localPart;
    }

    /** Lower-case ASCII domain; IDNs are in their {@code xn--} form. */
    public String domain() {
        return domain;
    }

    /** The form used in SMTP commands, between angle brackets. */
    public String toSmtpPath() {
        return "<" + this + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailAddress other && localPart.equals(other.localPart) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return 31 * localPart.hashCode() + domain.hashCode();
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
