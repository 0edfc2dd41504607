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
        String[] lines = text.replace('\u00a0', ' ').split("\r\n|\r|\n", -1);
        List<String> kept = new ArrayList<>();
        int chars = 0;
        for (int i = 0; i < lines.length && kept.size() < MAX_LINES && chars < MAX_CHARS; i++) {
            String line = lines[i].strip();
            if (startsQuotedText(line, lines, i) || startsSignature(lines[i])) {
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
        if (joined.length() <= MAX_CHARS) {
            return joined;
        }
        int end = Character.isHighSurrogate(joined.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
        return joined.substring(0, end);
    }

    private static boolean startsQuotedText(String line, String[] lines, int index) {
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

    private static Optional<String> nextNonEmpty(String[] lines, int index) {
        for (int i = index + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
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
