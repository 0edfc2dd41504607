package com.misdeliveryguard.core.message;

/**
 * Characters that change how text is shown without being seen. Bidi embeddings, overrides and
 * isolates (U+202A..U+202E, U+2066..U+2069) can make {@code gpj.exe} read as {@code exe.jpg} or
 * reorder a display name, so they are removed and reported. Controls become spaces (no header
 * injection through a decoded CR LF) and invisible marks are removed silently.
 */
final class UnsafeCharacters {

    private UnsafeCharacters() {
    }

    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isInvisibleMark(int c) {
        return c == 0x200B || c == 0x200E || c == 0x200F || c == 0x2060 || c == 0xFEFF || c == 0x061C;
    }

    /**
     * Cleans text meant for display and rules; adds a problem naming {@code where} when bidi
     * controls were removed.
     */
    static String clean(String text, Problems problems, String where) {
        return clean(text, problems, where, false);
    }

    /** Cleans body text: line breaks and tabs stay, nothing is reported. */
    static String cleanBody(String text) {
        return clean(text, null, null, true);
    }

    private static String clean(String text, Problems problems, String where, boolean keepLines) {
        StringBuilder out = null;
        boolean bidi = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean drop = isBidiControl(c) || isInvisibleMark(c);
            boolean kept = keepLines && (c == '\n' || c == '\t');
            boolean blank = !drop && !kept && (Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
            if (drop || blank) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                bidi |= isBidiControl(c);
                if (blank) {
                    out.append(' ');
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        if (bidi && problems != null) {
            problems.add("bidi control characters in " + where);
        }
        return out == null ? text : out.toString();
    }
}
