package com.misdeliveryguard.core.message;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * One header field as text, read from its raw bytes: mime4j's own string view maps bytes to Latin-1,
 * which would garble raw UTF-8 headers (RFC 6532). The value is unfolded (RFC 5322 §2.2.3) and
 * trimmed; encoded words are left for the caller, who knows whether the field is a phrase or text.
 *
 * @param name          the field name in lower case
 * @param value         the unfolded value
 * @param guessedCharset true when the value held 8-bit bytes that are not UTF-8 (or raw ISO-2022-JP),
 *                      so its charset had to be guessed
 */
record HeaderField(String name, String value, boolean guessedCharset) {

    static HeaderField of(Field field) {
        String name = field.getName().trim().toLowerCase(Locale.ROOT);
        ByteSequence raw = field.getRaw();
        if (raw == null) {
            return new HeaderField(name, unfold(field.getBody() == null ? "" : field.getBody()), false);
        }
        byte[] bytes = raw.toByteArray();
        int colon = 0;
        while (colon < bytes.length && bytes[colon] != ':') {
            colon++;
        }
        byte[] value = new byte[Math.max(0, bytes.length - colon - 1)];
        System.arraycopy(bytes, Math.min(colon + 1, bytes.length), value, 0, value.length);
        boolean ascii = MailCharsets.isAscii(value);
        if (ascii && !hasEscape(value)) {
            return new HeaderField(name, unfold(new String(value, StandardCharsets.US_ASCII)), false);
        }
        if (!ascii && MailCharsets.isUtf8(value)) {
            return new HeaderField(name, unfold(new String(value, StandardCharsets.UTF_8)), false);
        }
        return new HeaderField(name, unfold(MailCharsets.decodeUndeclared(value)), true);
    }

    private static boolean hasEscape(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x1b) {
                return true;
            }
        }
        return false;
    }

    private static String unfold(String text) {
        return text.replace("\r", "").replace("\n", "").strip();
    }
}
