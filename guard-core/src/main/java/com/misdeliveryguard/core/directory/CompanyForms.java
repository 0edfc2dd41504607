package com.misdeliveryguard.core.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Company-form words: the legal-form part of a company name that people add, drop, abbreviate or
 * move ({@code 株式会社あおば商事}, {@code あおば商事株式会社}, {@code ㈱あおば商事}, {@code (株)あおば商事},
 * {@code Aoba Shoji Co., Ltd.}). The key of a name is the name without them.
 */
final class CompanyForms {

    /** Japanese forms, after NFKC (which turns {@code ㈱} and {@code （株）} into {@code (株)}). */
    private static final List<String> JAPANESE = List.of(
            "株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
            "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "特定非営利活動法人", "npo法人",
            "医療法人", "学校法人", "社会福祉法人", "独立行政法人",
            "(株)", "(有)", "(同)", "(資)", "(名)", "(社)", "(財)", "(医)", "(学)", "(福)", "(独)");

    /** Latin forms as a trailing word, optionally followed by a dot. */
    private static final Pattern LATIN_SUFFIX = Pattern.compile(
            "(?:^|[\\s,.])(inc|incorporated|corporation|corp|company|co|ltd|limited|llc|l\\.l\\.c|k\\.k|kk"
                    + "|kabushiki\\s+kaisha|kabushiki\\s+gaisha|gmbh|ag|plc|s\\.a|pte|pty)\\.?$");

    private static final String SEPARATORS = " \t\u3000,.・·";

    /** Keys remembered at most; the rules ask the same few names again and again. */
    static final int MEMO_LIMIT = 20_000;
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private CompanyForms() {
    }

    /** The comparison key of a company name; see the class comment. Never empty for a non-blank name. */
    static String key(String name) {
        String key = KEYS.get(name);
        if (key == null) {
            key = computeKey(name);
            if (KEYS.size() >= MEMO_LIMIT) {
                KEYS.clear();
            }
            KEYS.put(name, key);
        }
        return key;
    }

    private static String computeKey(String name) {
        String text = TextKeys.nfkc(name).toLowerCase(Locale.ROOT);
        String previous;
        do {
            previous = text;
            text = trimSeparators(stripJapanese(trimSeparators(text)));
            Matcher latin = LATIN_SUFFIX.matcher(text);
            if (latin.find()) {
                text = text.substring(0, latin.start(1));
            }
        } while (!text.equals(previous) && !text.isEmpty());
        String key = removeSeparators(text);
        return key.isEmpty() ? removeSeparators(TextKeys.nfkc(name).toLowerCase(Locale.ROOT)) : key;
    }

    private static String stripJapanese(String text) {
        for (String form : JAPANESE) {
            if (text.startsWith(form)) {
                return text.substring(form.length());
            }
            if (text.endsWith(form)) {
                return text.substring(0, text.length() - form.length());
            }
        }
        return text;
    }

    private static String trimSeparators(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSeparator(text.charAt(start))) {
            start++;
        }
        while (end > start && isSeparator(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static String removeSeparators(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!isSeparator(text.charAt(i))) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean isSeparator(char c) {
        return SEPARATORS.indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
