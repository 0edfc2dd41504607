package com.misdeliveryguard.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in unstructured text and phrases.
 * Whitespace between adjacent encoded words is dropped (§6.2), and adjacent words in the same charset
 * are decoded together, because Japanese mailers often split one character across two words.
 * Lenient on purpose: encoded words inside quoted strings and file names are decoded too, since
 * Outlook and many Japanese clients write them there.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,64})\\?([BbQq])\\?([^?\\s]*)\\?=");

    private final Problems problems;
    private final String where;
    private final StringBuilder out = new StringBuilder();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String pendingCharset;

    private EncodedWords(Problems problems, String where) {
        this.problems = problems;
        this.where = where;
    }

    /**
     * Decodes every encoded word in {@code text}; words that cannot be decoded stay as written and
     * are reported as problems of {@code where} (e.g. "Subject header").
     */
    static String decode(String text, Problems problems, String where) {
        if (!text.contains("=?")) {
            return text;
        }
        return new EncodedWords(problems, where).run(text);
    }

    private String run(String text) {
        Matcher m = WORD.matcher(text);
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String gap = text.substring(last, m.start());
            if (!(previousWasWord && gap.isBlank())) {
                flush();
                out.append(gap);
            }
            previousWasWord = word(m.group(1), m.group(2), m.group(3), m.group());
            last = m.end();
        }
        flush();
        out.append(text, last, text.length());
        return out.toString();
    }

    /** Adds one encoded word; false when it could not be decoded and was kept as written. */
    private boolean word(String charset, String encoding, String encoded, String asWritten) {
        byte[] bytes = "Bb".contains(encoding) ? base64(encoded) : quotedPrintable(encoded);
        if (bytes == null) {
            flush();
            problems.add("undecodable encoded word in " + where);
            out.append(asWritten);
            return false;
        }
        if (pendingCharset != null && !pendingCharset.equalsIgnoreCase(charset)) {
            flush();
        }
        pendingCharset = charset;
        pending.writeBytes(bytes);
        return true;
    }

    private void flush() {
        if (pendingCharset == null) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        Optional<Charset> charset = MailCharsets.forName(pendingCharset);
        if (charset.isEmpty()) {
            problems.add("unknown charset " + Problems.quote(pendingCharset) + " in " + where);
        }
        out.append(charset.map(c -> MailCharsets.decode(bytes, c)).orElseGet(() -> MailCharsets.decodeUndeclared(bytes)));
        pending.reset();
        pendingCharset = null;
    }

    /** Base64 of §4.1; missing or short padding is tolerated, anything else is not. */
    private static byte[] base64(String encoded) {
        int end = encoded.length();
        while (end > 0 && encoded.charAt(end - 1) == '=') {
            end--;
        }
        String text = encoded.substring(0, end);
        if (text.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] quotedPrintable(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                bytes.write(' ');
            } else if (c == '=') {
                int hi = i + 2 < encoded.length() ? hex(encoded.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(encoded.charAt(i + 2)) : -1;
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7e) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }

    static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
