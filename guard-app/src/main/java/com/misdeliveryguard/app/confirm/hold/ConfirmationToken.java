package com.misdeliveryguard.app.confirm.hold;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret in a confirmation link: 256 bits from {@link java.security.SecureRandom}, base64url
 * without padding (43 characters). Only hashes of it are stored. {@link #toString()} never shows
 * the value, so a token that reaches a log line by accident stays secret.
 *
 * @param value the 43 characters that go into the link
 */
public record ConfirmationToken(String value) {

    static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    public ConfirmationToken {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a confirmation token");
        }
    }

    /** True when the text has the form of a token (checked before anything is looked up). */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return "ConfirmationToken[redacted]";
    }
}
