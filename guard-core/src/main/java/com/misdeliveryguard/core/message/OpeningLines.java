package com.misdeliveryguard.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The opening lines of a body text: what the sender wrote, without what they quote or sign. The
 * salutation rule reads these, so text from other people (quoted replies, forwarded originals) and the
 * sender's own signature must not be in them.
 *
 * <p>Lines starting with {@code >} (or {@code ＞}) are dropped. The text is cut at the first line that
 * introduces quoted text ({@code ... wrote:}, {@code ...のメッセージ:}, {@code -----Original Message-----},
 * {@code -----元のメッセージ-----}, an Outlook {@code From:}/{@code Sent:} block) or a signature ({@code -- },
 * or a line of at least ten dashes, underscores, {@code ＝} or {@code ━}). Of the rest, the first
 * {@value #MAX_LINES} non-empty lines are kept, stripped, at most {@value #MAX_CHARS} characters.
 */
final class OpeningLines {

    static final int MAX_LINES = 20;
    static final int MAX_CHARS = 2000;

    private static final Pattern MARKER = Pattern.compile(
            "-{2,}\\s*(original message|forwarded message|元のメッセージ|転送メッセージ|転送されたメッセージ)\\s*-{2,}"
                    + "|begin forwarded message:?|転送されたメッセージ[:：]?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTION = Pattern.compile(
            ".*(のメッセージ|のメール|書きました|wrote|writes)\\s*[:：]|\\d{4}年\\d{1,2}月\\d{1,2}日.*(<[^>]*>|@\\S*)\\s*[:：]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(from|差出人|送信者)\\s*[:：].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(sent|date|送信日時|日付|送信日)\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    private static final String SEPARATOR_CHARACTERS = "-_=＝━─－＿*~～";

    private OpeningLines() {
    }

    static String of(String text) {
        return find(text).text();
    }

    /**
     * The opening lines of {@code text}, and whether they are {@code settled}: found without looking past the last
     * line of {@code text}, so that no text after it could change them. A text part is read only as far as its
     * settled opening lines ({@link BodyText#openingLines}).
     */
    record Found(String text, boolean settled) {
    }

    static Found find(String text) {
        Lines lines = new Lines(text);
        List<String> kept = new ArrayList<>();
        int chars = 0;
        for (int i = 0; lines.has(i) && kept.size() < MAX_LINES && chars < MAX_CHARS; i++) {
            String line = lines.get(i).strip();
            if (startsQuotedText(line, lines, i) || startsSignature(lines.get(i))) {
                if (line.toLowerCase(Locale.ROOT).endsWith("wrote:") && !kept.isEmpty()
                        && kept.get(kept.size() - 1).startsWith("On ")) {
                    kept.remove(kept.size() - 1); // "On <date>, <name>" wrapped before "<address> wrote:"
                }
                break;
            }
            if (line.isEmpty() || line.startsWith(">") || line.startsWith("＞")) {
                continue;
            }
            kept.add(line);
            chars += line.length() + 1;
        }
        String joined = String.join("\n", kept);
        if (joined.length() > MAX_CHARS) {
            int end = Character.isHighSurrogate(joined.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
            joined = joined.substring(0, end);
        }
        return new Found(joined, !lines.endSeen());
    }

    private static boolean startsQuotedText(String line, Lines lines, int index) {
        if (line.length() > 300) {
            return false;
        }
        // each pattern is tried only on lines that can match it (first or last character), not on every line:
        // the attribution pattern begins with ".*" and backtracks through the whole line
        if (line.isEmpty()) {
            return false;
        }
        char first = line.charAt(0);
        char last = line.charAt(line.length() - 1);
        if ((first == '-' || first == 'b' || first == 'B' || first == '転') && MARKER.matcher(line).matches()
                || (last == ':' || last == '：') && ATTRIBUTION.matcher(line).matches()) {
            return true;
        }
        return mayStartOutlookHeader(line) && OUTLOOK_FROM.matcher(line).matches()
                && nextNonEmpty(lines, index).filter(next -> OUTLOOK_SENT.matcher(next).matches()).isPresent();
    }

    private static boolean mayStartOutlookHeader(String line) {
        return line.regionMatches(true, 0, "from", 0, 4) || line.startsWith("差出人") || line.startsWith("送信者");
    }

    private static Optional<String> nextNonEmpty(Lines lines, int index) {
        for (int i = index + 1; lines.has(i); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /**
     * The text's lines, split at CRLF, CR or LF (an empty last line after a final line break included), with
     * no-break spaces as spaces; found as they are asked for, since the opening lines are at the top of a body that
     * may be megabytes long.
     */
    private static final class Lines {

        private final String text;
        private final List<String> found = new ArrayList<>();
        /** Where the first line not yet found starts; -1 after the last line. */
        private int next;
        /** Whether a line past the last one was asked for. */
        private boolean endSeen;

        Lines(String text) {
            this.text = text;
        }

        boolean has(int index) {
            while (found.size() <= index && next >= 0) {
                int end = next;
                while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                    end++;
                }
                found.add(text.substring(next, end).replace('\u00a0', ' '));
                if (end == text.length()) {
                    next = -1;
                } else {
                    next = end + (text.startsWith("\r\n", end) ? 2 : 1);
                }
            }
            boolean has = index < found.size();
            endSeen |= !has;
            return has;
        }

        boolean endSeen() {
            return endSeen;
        }

        String get(int index) {
            if (!has(index)) {
                throw new IndexOutOfBoundsException(index);
            }
            return found.get(index);
        }
    }

    /** RFC 3676 §4.3 "-- " (or "--" after trailing blanks were lost), or a separator line. */
    private static boolean startsSignature(String line) {
        String stripped = line.strip();
        if (line.stripTrailing().equals("--")) {
            return true;
        }
        if (stripped.length() < 10) {
            return false;
        }
        for (int i = 0; i < stripped.length(); i++) {
            if (SEPARATOR_CHARACTERS.indexOf(stripped.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
