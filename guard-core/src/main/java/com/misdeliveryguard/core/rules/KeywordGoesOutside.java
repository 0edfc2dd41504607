package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;
import java.util.Locale;

/**
 * {@code keyword}: the subject or the body contains a configured keyword (社外秘, 機密, confidential, …)
 * and a recipient is external (SPEC §5). Text and keywords are compared after Unicode NFKC without case,
 * so full-width and half-width forms meet. The body is what the parser keeps of it: the opening lines the
 * sender wrote, without quoted replies and signature. The list is empty by default.
 */
final class KeywordGoesOutside implements Rule {

    private final List<String> keywords;

    KeywordGoesOutside(List<String> keywords) {
        this.keywords = keywords.stream().map(KeywordGoesOutside::fold).filter(k -> !k.isEmpty()).toList();
    }

    @Override
    public String id() {
        return RuleIds.KEYWORD;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        if (keywords.isEmpty() || !message.goesOutside()) {
            return List.of();
        }
        String subject = fold(message.facts().subject());
        String body = fold(message.facts().openingLines());
        for (String keyword : keywords) {
            boolean inSubject = subject.contains(keyword);
            if (inSubject || body.contains(keyword)) {
                String where = inSubject ? "subject" : "body";
                return List.of(Findings.aboutMessage(id(), Severity.MEDIUM,
                        (inSubject ? "件名" : "本文") + "に「" + keyword + "」が含まれ、社外の宛先があります。送ってよい内容か確認してください。",
                        "The " + where + " contains \"" + keyword + "\" and the message goes outside the company."
                                + " Check that it may.",
                        Findings.evidence("keyword", keyword, "where", where)));
            }
        }
        return List.of();
    }

    private static String fold(String text) {
        return TextKeys.nfkc(text).toLowerCase(Locale.ROOT);
    }
}
