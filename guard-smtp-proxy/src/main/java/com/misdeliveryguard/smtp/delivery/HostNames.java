package com.misdeliveryguard.smtp.delivery;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks our own host names before they go into header fields (no spaces, no CR/LF, nothing but LDH labels). */
final class HostNames {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private HostNames() {
    }

    /** Returns the name in lower case, or throws {@link IllegalArgumentException} naming the parameter. */
    static String require(String host, String parameter) {
        Objects.requireNonNull(host, parameter);
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(parameter + " must be a host name (letters, digits, '-' and '.')");
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
