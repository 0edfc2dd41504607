package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The organizations of the directory that a file name names: {@code 御見積書_株式会社あおば商事様_20250401.pdf},
 * {@code 【みどり銀行御中】提案書.pptx}, {@code SakuraLogistics_Invoice_0412.xlsx}.
 *
 * <p>The name without its extension is normalized (NFKC) and split into words at separators (space,
 * {@code _ - . ( ) 【 】} …); dates and numbers are dropped; document words ({@code 見積書}, {@code 請求書},
 * {@code invoice}, …) and honorifics ({@code 様}, {@code 御中}, {@code 宛}) are cut from either end of a word.
 * Each word and each pair of neighbouring words is asked of {@link ContactDirectory#organizationNamed} —
 * at most {@value #MAX_LOOKUPS} questions per file name.
 */
final class OrganizationsInFileName {

    static final int MAX_LOOKUPS = 30;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-.,;+&＆・/\\\\#~()\\[\\]{}【】「」『』〔〕<>《》〈〉]+");
    private static final Pattern NUMBERISH = Pattern.compile("(?i)[0-9]+|v[0-9.]+|rev[0-9]+|r[0-9]+|[0-9]{1,4}年[0-9]{1,2}月([0-9]{1,2}日)?|第?[0-9]+版");
    private static final Pattern ENDS = Pattern.compile(
            "^(御見積書|お見積書|見積書|御見積|お見積り|お見積|見積り|見積|御請求書|請求書|納品書|注文書|発注書|注文請書|契約書|覚書|提案書|企画書|"
                    + "資料|議事録|報告書|仕様書|案内|ご案内|送付状|領収書|打合せ|打ち合わせ|最終版|修正版|確定版|社外秘|機密)"
                    + "|(御見積書|お見積書|見積書|御見積|お見積り|お見積|見積り|見積|御請求書|請求書|納品書|注文書|発注書|注文請書|契約書|覚書|"
                    + "提案書|企画書|資料|議事録|報告書|仕様書|案内|ご案内|送付状|領収書|様|御中|殿|さま|宛て|宛|向け|用|分|最終版|修正版|確定版)$");
    private static final Set<String> WORDS_NAMING_NOBODY = Set.of("quote", "quotation", "invoice", "estimate",
            "proposal", "contract", "report", "minutes", "for", "to", "final", "draft", "copy", "memo", "agenda", "nda",
            "po", "order", "spec", "specification", "the", "and", "of");

    private OrganizationsInFileName() {
    }

    static List<Organization> in(String fileName, ContactDirectory directory) {
        List<String> words = words(fileName);
        Set<String> candidates = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            candidates.add(words.get(i));
            if (i + 1 < words.size()) {
                candidates.add(words.get(i) + " " + words.get(i + 1));
            }
        }
        Map<OrganizationId, Organization> found = new LinkedHashMap<>();
        int asked = 0;
        for (String candidate : candidates) {
            if (asked++ >= MAX_LOOKUPS) {
                break;
            }
            directory.organizationNamed(candidate).ifPresent(org -> found.putIfAbsent(org.id(), org));
        }
        return List.copyOf(found.values());
    }

    static List<String> words(String fileName) {
        String name = TextKeys.nfkc(fileName);
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.length() - dot <= 6) {
            name = name.substring(0, dot);
        }
        List<String> words = new ArrayList<>();
        for (String raw : SEPARATORS.split(name)) {
            String word = cut(raw);
            if (word.length() >= 2 && !NUMBERISH.matcher(word).matches()
                    && !WORDS_NAMING_NOBODY.contains(word.toLowerCase(Locale.ROOT))) {
                words.add(word);
            }
        }
        return words;
    }

    private static String cut(String word) {
        String previous;
        String current = word;
        do {
            previous = current;
            current = ENDS.matcher(current).replaceAll("");
        } while (!current.equals(previous) && !current.isEmpty());
        return current;
    }
}
