package com.misdeliveryguard.app.confirm.present;

/**
 * Text from a message (subject, display names, file names) made safe to put in a mail header, a
 * plain-text body or a page: control characters (CR and LF included) become spaces, bidirectional
 * overrides and isolates (which can make {@code gpj.exe} look like {@code exe.jpg}) are removed,
 * runs of white space collapse, and the result is cut to a length. HTML escaping is the
 * template's business (Thymeleaf {@code th:text}); header encoding is Jakarta Mail's.
 */
public final class PlainText {

    private PlainText() {
    }

    /** One line of at most {@code max} characters (an ellipsis marks a cut). */
    public static String line(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBidiControl(c)) {
                continue;
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return cut(out.toString(), max);
    }

    /** Several lines (LF-separated), each cleaned as {@link #line}, at most {@code maxLines}. */
    public static String lines(String text, int maxLines, int maxPerLine) {
        if (text == null) {
            return "";
        }
        return text.lines().limit(maxLines).map(l -> line(l, maxPerLine))
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }
}
