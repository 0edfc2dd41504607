package com.misdeliveryguard.core.rules;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Japanese names written in Latin letters ({@code Tanaka}, {@code Satoh}, {@code Saito}, {@code Sinzi})
 * read as hiragana, so that they meet the readings of the directory ({@code たなか}, {@code さとう},
 * {@code さいとう}, {@code しんじ}). ICU's Latin→Hiragana transliteration does the reading, after the
 * spellings people and passports use are brought to Hepburn:
 * <ul>
 *   <li>Kunrei/Nihon-shiki spellings: {@code si}→{@code shi}, {@code ti}→{@code chi}, {@code tu}→{@code tsu},
 *       {@code zi}→{@code ji}, {@code hu}→{@code fu}, {@code sy}/{@code ty}/{@code zy}/{@code jy} before a
 *       vowel → {@code sh}/{@code ch}/{@code j}; {@code m} before {@code b}, {@code m}, {@code p} → {@code n}
 *       ({@code Homma} → ほんま); macrons ({@code ō} → {@code ou});</li>
 *   <li>long vowels written or dropped: each {@code o} and {@code yu} of the first {@value #LONG_VOWELS}
 *       may be long ({@code o}/{@code ou}/{@code oo}, {@code oh} → {@code ou}/{@code oo},
 *       {@code yu}/{@code yuu}): {@code Kondo} reads こんど, こんどう, こんどお;</li>
 *   <li>a syllabic {@code n} before a vowel ({@code Kenichi} → けんいち as well as けにち).</li>
 * </ul>
 * Words that do not read cleanly as kana give nothing.
 */
final class Romaji {

    /** Long-vowel positions varied at most per word (3^4 spellings at worst, each cached). */
    static final int LONG_VOWELS = 4;
    private static final ThreadLocal<Transliterator> TO_HIRAGANA =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-Hiragana"));
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, Set<String>> CACHE = new ConcurrentHashMap<>();
    private static final String VOWELS = "aiueo";

    private Romaji() {
    }

    /** The hiragana readings of one Latin word; empty when it is not Latin or does not read as kana. */
    static Set<String> readings(String word) {
        String lower = macrons(word.toLowerCase(Locale.ROOT));
        if (lower.isEmpty() || lower.length() > 30 || !lower.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return Set.of();
        }
        Set<String> cached = CACHE.get(lower);
        if (cached != null) {
            return cached;
        }
        Set<String> readings = new LinkedHashSet<>();
        String hepburn = hepburn(lower);
        for (String spelling : longVowels(hepburn)) {
            add(readings, spelling);
            String syllabicN = syllabicN(spelling);
            if (!syllabicN.equals(spelling)) {
                add(readings, syllabicN);
            }
        }
        Set<String> result = Set.copyOf(readings);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(lower, result);
        return result;
    }

    /** Kunrei and Nihon-shiki spellings, and {@code m} before labials, in Hepburn. */
    static String hepburn(String word) {
        StringBuilder out = new StringBuilder(word.length() + 4);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
            char after = i + 2 < word.length() ? word.charAt(i + 2) : 0;
            boolean syllableStart = i == 0 || VOWELS.indexOf(word.charAt(i - 1)) >= 0 || word.charAt(i - 1) == 'n'
                    || word.charAt(i - 1) == c;
            if (syllableStart && next == 'y' && VOWELS.indexOf(after) >= 0 && (c == 's' || c == 't' || c == 'z' || c == 'j')) {
                out.append(c == 's' ? "sh" : c == 't' ? "ch" : "j");
                i++;
            } else if (syllableStart && next == 'i' && (c == 's' || c == 't' || c == 'z' || c == 'd')) {
                out.append(c == 's' ? "sh" : c == 't' ? "ch" : "j");
            } else if (syllableStart && next == 'u' && c == 't' && (i == 0 || word.charAt(i - 1) != 's')) {
                out.append("ts");
            } else if (syllableStart && next == 'u' && c == 'h') {
                out.append('f');
            } else if (c == 'm' && (next == 'b' || next == 'm' || next == 'p') && i > 0) {
                out.append('n');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every spelling with the first {@value #LONG_VOWELS} long-vowel positions short or long. */
    private static List<String> longVowels(String word) {
        List<String> spellings = new ArrayList<>(List.of(""));
        int varied = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
            char after = i + 2 < word.length() ? word.charAt(i + 2) : 0;
            List<String> options;
            int consumed = 1;
            if (c == 'o' && next == 'h' && VOWELS.indexOf(after) < 0) {
                options = List.of("ou", "oo");
                consumed = 2;
            } else if (c == 'o' && (next == 'u' || next == 'o') && varied < LONG_VOWELS) {
                options = List.of("ou", "oo");
                consumed = 2;
                varied++;
            } else if (c == 'o' && VOWELS.indexOf(next) < 0 && varied < LONG_VOWELS) {
                options = List.of("o", "ou", "oo");
                varied++;
            } else if (c == 'u' && i > 0 && word.charAt(i - 1) == 'y' && next != 'u' && varied < LONG_VOWELS) {
                options = List.of("u", "uu");
                varied++;
            } else {
                options = List.of(String.valueOf(c));
            }
            List<String> grown = new ArrayList<>(spellings.size() * options.size());
            for (String prefix : spellings) {
                for (String option : options) {
                    grown.add(prefix + option);
                }
            }
            spellings = grown;
            i += consumed - 1;
        }
        return spellings;
    }

    /** {@code kenichi} → {@code ken'ichi}: an {@code n} after a vowel and before a vowel or {@code y} ends a syllable. */
    private static String syllabicN(String word) {
        StringBuilder out = new StringBuilder(word.length() + 2);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            out.append(c);
            if (c == 'n' && i > 0 && i + 1 < word.length() && VOWELS.indexOf(word.charAt(i - 1)) >= 0
                    && (VOWELS.indexOf(word.charAt(i + 1)) >= 0 || word.charAt(i + 1) == 'y')) {
                out.append('\'');
            }
            if (c == 'n' && i + 2 < word.length() && word.charAt(i + 1) == 'n' && VOWELS.indexOf(word.charAt(i + 2)) >= 0) {
                out.append('\'');
            }
        }
        return out.toString();
    }

    private static String macrons(String word) {
        return word.replace("ō", "ou").replace("ô", "ou").replace("ū", "uu").replace("û", "uu").replace("ā", "aa")
                .replace("ē", "ee").replace("ī", "ii");
    }

    private static void add(Set<String> readings, String latin) {
        String kana = TO_HIRAGANA.get().transliterate(latin);
        if (kana.chars().allMatch(c -> (c >= 'ぁ' && c <= 'ゖ') || c == 'ー')) {
            readings.add(kana);
        }
    }
}
