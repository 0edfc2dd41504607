package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Remembers, when a message with attachments is checked, whether its external recipients get links
 * ({@code policy}: links are on; {@code rule}: a rule whose action is {@code link} fired; {@code none})
 * and which rules fired, for the delivery ({@link LinkedVariants}) and for a later incident report.
 */
final class LinkRequests implements RelayEvents {

    private final LinkStore store;
    private final LinksProperties properties;
    private final Optional<Policy> policy;
    private final Clock clock;

    LinkRequests(LinkStore store, LinksProperties properties, Optional<Policy> policy, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void checked(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        if (nothingToLink(message, facts) || verdict.action() == Action.REJECT) {
            return;
        }
        List<String> rules = verdict.findings().stream().filter(Finding::actionable).map(Finding::ruleId).distinct()
                .toList();
        boolean byRule = verdict.policyAction() == Action.LINK || verdict.findings().stream()
                .filter(Finding::actionable).anyMatch(f -> linkRule(f.ruleId()));
        String reason = byRule ? "rule" : properties.enabled() ? "policy" : "none";
        store.recordRequest(message.id(), reason, rules, clock.instant());
    }

    /** Our own mail, or a message without attachments: no request is recorded, nobody gets links. */
    static boolean nothingToLink(SpooledMessage message, Optional<MessageFacts> facts) {
        return message.origin() == SpooledMessage.Origin.GUARD || facts.isEmpty()
                || facts.get().attachmentNames().isEmpty();
    }

    private boolean linkRule(String ruleId) {
        try {
            return policy.map(p -> p.rule(ruleId).action() == Action.LINK && p.rule(ruleId).enabled()).orElse(false);
        } catch (IllegalArgumentException notARule) {
            return false;
        }
    }
}
