package com.misdeliveryguard.core.guard;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One reason a rule gives about a message.
 *
 * @param ruleId        stable rule id, e.g. {@code lookalike-domain}
 * @param severity      how sure the rule is
 * @param recipient     the recipient the finding concerns, empty when it concerns the whole message
 * @param explanationJa explanation for people, in Japanese
 * @param explanationEn explanation for people, in English
 * @param evidence      what the rule saw, e.g. {@code knownDomain -> aoba-shoji.co.jp}
 */
public record Finding(String ruleId, Severity severity, Optional<MailAddress> recipient, String explanationJa,
        String explanationEn, Map<String, String> evidence) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(explanationJa, "explanationJa");
        Objects.requireNonNull(explanationEn, "explanationEn");
        evidence = Map.copyOf(evidence);
    }

    /**
     * True when the finding may change what happens to the message: severity {@link Severity#MEDIUM} or
     * higher. Below that a finding is a note — logged and shown, never acted on (e.g. a learned recipient).
     */
    public boolean actionable() {
        return severity.compareTo(Severity.MEDIUM) >= 0;
    }
}
