package com.misdeliveryguard.app.confirm.present;

import com.misdeliveryguard.core.guard.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A finding in plain words: the rule's own explanation in the reader's language, and for the
 * rules that point at something better a suggestion from the evidence — the known domain a
 * lookalike resembles ("did you mean aoba-shoji.co.jp?") or the closest contact at a known
 * organization. Evidence keys are read leniently (camelCase or kebab-case).
 */
public final class FindingWords {

    private static final List<String> KNOWN_DOMAIN_KEYS = List.of("knowndomain", "resembles", "didyoumean",
            "suggestion", "similarto", "lookslike", "known", "domain");
    private static final List<String> CLOSEST_KEYS = List.of("closest", "closestcontact", "closestaddress",
            "suggestion", "didyoumean");

    private FindingWords() {
    }

    /**
     * The rule's title in the reader's language ({@code rule.<id>} in the message bundles, so that a new
     * rule needs one line per language); a rule without a title gets a generic one, never its raw id.
     */
    public static String title(Finding finding, Texts texts) {
        return texts.getOr("rule." + finding.ruleId(), "rule.other");
    }

    /** The findings, the most severe first (rule order kept among equals). */
    public static List<Finding> bySeverity(List<Finding> findings) {
        return findings.stream().sorted(java.util.Comparator.comparing(Finding::severity).reversed()).toList();
    }

    /** The rule's explanation in the reader's language. */
    public static String explanation(Finding finding, Texts texts) {
        return PlainText.line(texts.isJapanese() ? finding.explanationJa() : finding.explanationEn(), 500);
    }

    /** "did you mean …?" or "closest contact: …", when the evidence names something. */
    public static Optional<String> suggestion(Finding finding, Texts texts) {
        if (finding.ruleId().equals("lookalike-domain")) {
            return value(finding.evidence(), KNOWN_DOMAIN_KEYS).map(d -> texts.get("finding.didYouMean", d));
        }
        if (finding.ruleId().equals("unknown-at-known-org")) {
            return value(finding.evidence(), CLOSEST_KEYS).map(c -> texts.get("finding.closest", c));
        }
        if (finding.ruleId().equals("salutation-mismatch")) {
            return value(finding.evidence(), List.of("addressed")).map(a -> texts.get("finding.addressed", a));
        }
        return Optional.empty();
    }

    /** The explanation followed by the suggestion, as one line; a suggestion the rule already made is not repeated. */
    public static String sentence(Finding finding, Texts texts) {
        String explanation = explanation(finding, texts);
        return explanation + suggestion(finding, texts).filter(s -> !explanation.contains(s)).map(s -> " " + s)
                .orElse("");
    }

    private static Optional<String> value(Map<String, String> evidence, List<String> keys) {
        for (String key : keys) {
            for (Map.Entry<String, String> e : evidence.entrySet()) {
                String normalized = e.getKey().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
                if (normalized.equals(key) && e.getValue() != null && !e.getValue().isBlank()) {
                    return Optional.of(PlainText.line(e.getValue(), 200));
                }
            }
        }
        return Optional.empty();
    }
}
