package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;

/**
 * {@code unparseable-message}: the parser could not read the message well enough to check it — any
 * {@link com.misdeliveryguard.core.message.MessageFacts#problems() problem} counts. Fail closed (SPEC §5,
 * §10): what the rules could not see might be exactly what they look for.
 */
final class MessageCouldNotBeParsed implements Rule {

    @Override
    public String id() {
        return RuleIds.UNPARSEABLE_MESSAGE;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        List<String> problems = message.facts().problems();
        if (problems.isEmpty()) {
            return List.of();
        }
        String listed = String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? "; …" : "");
        return List.of(Findings.aboutMessage(id(), Severity.HIGH,
                "メッセージの構造を十分に読み取れなかったため、宛先と内容を確認できません: " + listed,
                "The message could not be read well enough to check it: " + listed,
                Findings.evidence("problems", listed)));
    }
}
