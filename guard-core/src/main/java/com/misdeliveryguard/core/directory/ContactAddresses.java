package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Address normalization for the directory. What people type in address books goes through Unicode
 * NFKC (full-width {@code ｔａｎａｋａ＠ａｏｂａ．ｃｏ．ｊｐ} becomes {@code tanaka@aoba.co.jp}), loses
 * surrounding angle brackets and a {@code mailto:} prefix, has its domain converted to ASCII
 * (IDNA UTS #46: lower case, {@code xn--} labels) and is then checked by the strict core parser.
 *
 * <p>Lookups compare addresses by {@link #key}: the domain is already lower case; the local part
 * is lower-cased as well, since no mail system our users write to distinguishes case there.
 */
public final class ContactAddresses {

    private ContactAddresses() {
    }

    /**
     * Normalizes and checks an address as written in an address book.
     *
     * @throws InvalidAddressException with the core's reason when it is not a usable address
     */
    public static MailAddress normalize(String written) throws InvalidAddressException {
        Objects.requireNonNull(written, "address");
        String text = TextKeys.nfkc(written);
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        if (text.regionMatches(true, 0, "mailto:", 0, 7)) {
            text = text.substring(7).strip();
        }
        if (text.isEmpty()) {
            throw new InvalidAddressException(InvalidAddressException.Problem.SYNTAX, "empty address");
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return MailAddress.parse(text);
        }
        String domain = text.substring(at + 1);
        String ascii = Idn.toAscii(domain).orElseThrow(() -> new InvalidAddressException(
                InvalidAddressException.Problem.SYNTAX, "domain '" + domain + "' is not a valid domain name"));
        return MailAddress.parse(text.substring(0, at) + "@" + ascii);
    }

    /** The comparison key: local part and domain in lower case. */
    public static String key(MailAddress address) {
        return address.localPart().toLowerCase(Locale.ROOT) + "@" + address.domain();
    }
}
