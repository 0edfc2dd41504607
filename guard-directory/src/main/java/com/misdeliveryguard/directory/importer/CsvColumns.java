package com.misdeliveryguard.directory.importer;

import com.misdeliveryguard.core.directory.TextKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * The columns of a CSV header, found by normalized name: NFKC, lower case, without spaces,
 * hyphens, underscores, dots, colons and parentheses, so that {@code E-mail Address},
 * {@code 電子メール アドレス} and {@code ふりがな (姓)} match however the exporting program spaced
 * them. The first column of a name wins.
 */
final class CsvColumns {

    private final Map<String, Integer> indexes = new HashMap<>();

    CsvColumns(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            indexes.putIfAbsent(key(header.get(i)), i);
        }
    }

    static String key(String header) {
        String text = TextKeys.nfkc(header.replace("\uFEFF", "")).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isWhitespace(c) || "-_.:()'\"".indexOf(c) >= 0)) {
                key.append(c);
            }
        }
        return key.toString();
    }

    boolean has(String... names) {
        for (String name : names) {
            if (indexes.containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first non-blank value among the named columns, or "". */
    String get(CSVRecord record, String... names) {
        for (String name : names) {
            Integer index = indexes.get(name);
            if (index != null && index < record.size()) {
                String value = record.get(index).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        }
        return "";
    }
}
