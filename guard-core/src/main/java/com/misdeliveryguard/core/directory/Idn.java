package com.misdeliveryguard.core.directory;

import com.ibm.icu.text.IDNA;
import java.util.Optional;

/**
 * IDNA (UTS #46, non-transitional) conversions between a domain's Unicode form
 * ({@code あおば.jp}) and its ASCII form ({@code xn--...jp}). The mapping step also folds
 * full-width letters and the ideographic full stop {@code 。} and lower-cases.
 */
final class Idn {

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private Idn() {
    }

    /** The ASCII form, or empty when IDNA reports any error for the name. */
    static Optional<String> toAscii(String domain) {
        StringBuilder out = new StringBuilder(domain.length() + 8);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, out, info);
        return info.hasErrors() ? Optional.empty() : Optional.of(out.toString());
    }

    /** The Unicode form for display; the input unchanged when it does not decode cleanly. */
    static String toUnicode(String asciiDomain) {
        if (!asciiDomain.contains("xn--")) {
            return asciiDomain;
        }
        StringBuilder out = new StringBuilder(asciiDomain.length());
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToUnicode(asciiDomain, out, info);
        return info.hasErrors() ? asciiDomain : out.toString();
    }
}
