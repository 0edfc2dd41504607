package com.misdeliveryguard.core.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Charset names as mail clients write them, mapped to the Java decoder that reads what those clients
 * really send. Japanese mail labelled {@code Shift_JIS} or {@code ISO-2022-JP} is written by Windows
 * code pages that add NEC and IBM characters (①, ㈱, 髙), so the Microsoft supersets are used;
 * {@code ISO-8859-1} is read as windows-1252 for the same reason.
 */
final class MailCharsets {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset ISO_2022_JP = Charset.forName("x-windows-50221");

    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("shift_jis", "windows-31j"), Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"), Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"), Map.entry("csshiftjis", "windows-31j"),
            Map.entry("cp932", "windows-31j"), Map.entry("ms932", "windows-31j"),
            Map.entry("iso-2022-jp", "x-windows-50221"), Map.entry("csiso2022jp", "x-windows-50221"),
            Map.entry("iso-2022-jp-ms", "x-windows-50221"), Map.entry("euc-jp", "x-eucJP-Open"),
            Map.entry("iso-8859-1", "windows-1252"), Map.entry("us-ascii", "windows-1252"),
            Map.entry("gb2312", "GBK"), Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"), Map.entry("ansi-x3.4-1968", "windows-1252"));

    private MailCharsets() {
    }

    /** The decoder for a MIME charset name; empty when Java knows no such charset. */
    static Optional<Charset> forName(String mimeName) {
        String name = mimeName.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("\"") && name.endsWith("\"") && name.length() > 1) {
            name = name.substring(1, name.length() - 1);
        }
        int language = name.indexOf('*'); // RFC 2231 §5: charset*language in encoded words
        if (language >= 0) {
            name = name.substring(0, language);
        }
        String javaName = SUPERSETS.getOrDefault(name, name);
        try {
            return Charset.isSupported(javaName) ? Optional.of(Charset.forName(javaName)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Decodes with replacement characters for bytes the charset cannot map. */
    static String decode(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }

    /**
     * Decodes text whose charset was not declared (8-bit header bytes, a body without charset):
     * ISO-2022-JP when the bytes carry its escape sequences, UTF-8 when they are valid UTF-8,
     * otherwise windows-31j, otherwise windows-1252.
     */
    static String decodeUndeclared(byte[] bytes) {
        if (hasJisEscape(bytes)) {
            return decode(bytes, ISO_2022_JP);
        }
        return strictly(bytes, StandardCharsets.UTF_8)
                .or(() -> strictly(bytes, WINDOWS_31J))
                .orElseGet(() -> decode(bytes, Charset.forName("windows-1252")));
    }

    static boolean isUtf8(byte[] bytes) {
        return strictly(bytes, StandardCharsets.UTF_8).isPresent();
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasJisEscape(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == 0x1b && (bytes[i + 1] == '$' || bytes[i + 1] == '(')) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> strictly(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
