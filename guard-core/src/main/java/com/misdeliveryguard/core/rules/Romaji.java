package com.misdeliveryguard.core.rules;

import com.ibm.icu.text.Transliterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese names written in Latin letters ({@code Tanaka}, {@code Satoh}) read as hiragana, so that
 * they meet the readings of the directory ({@code たなか}, {@code さとう}). ICU's Latin→Hiragana
 * transliteration does the reading; a final {@code o} or {@code oh} also gives the long-vowel variant
 * ({@code Sato} → {@code さと}, {@code さとう}), the way passports and business cards drop it. Words that
 * do not read cleanly as kana give nothing.
 */
final class Romaji {

    private static final ThreadLocal<Transliterator> TO_HIRAGANA =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-Hiragana"));
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();

    private Romaji() {
    }

    /** The hiragana readings of one Latin word; empty when it is not Latin or does not read as kana. */
    static Set<String> readings(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || !lower.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return Set.of();
        }
        Set<String> cached = CACHE.get(lower);
        if (cached != null) {
            return cached;
        }
        Set<String> readings = new LinkedHashSet<>();
        add(readings, lower);
        if (lower.endsWith("oh")) {
            add(readings, lower.substring(0, lower.length() - 1) + "u");
        } else if (lower.endsWith("o")) {
            add(readings, lower + "u");
        }
        Set<String> result = Set.copyOf(readings);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(lower, result);
        return result;
    }

    private static void add(Set<String> readings, String latin) {
        String kana = TO_HIRAGANA.get().transliterate(latin);
        if (kana.chars().allMatch(c -> (c >= 'ぁ' && c <= 'ゖ') || c == 'ー')) {
            readings.add(kana);
        }
    }
}
