package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import java.util.List;

/**
 * One rule of SPEC §5: looks at a checked message and says what it finds. A rule never decides the
 * action — the policy does, from the rule's id — and never catches what it cannot handle: an exception
 * (the directory down) reaches the engine, which holds the message.
 *
 * <p>Implementations are immutable and thread-safe; one instance serves every message.
 */
interface Rule {

    /** The rule id of {@link RuleIds}; every finding the rule gives carries it. */
    String id();

    /** The findings about this message; empty when the rule sees nothing wrong. */
    List<Finding> check(CheckedMessage message);
}
