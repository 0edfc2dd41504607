package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Action;
import java.util.Objects;

/**
 * How the policy treats one rule.
 *
 * @param enabled whether the rule runs at all
 * @param action  what a message gets when the rule gives an actionable finding
 *                ({@link com.misdeliveryguard.core.guard.Finding#actionable()})
 */
public record RuleSetting(boolean enabled, Action action) {

    public RuleSetting {
        Objects.requireNonNull(action, "action");
    }

    /** Enabled with this action. */
    public static RuleSetting on(Action action) {
        return new RuleSetting(true, action);
    }

    /** Disabled; {@code action} applies once it is enabled. */
    public static RuleSetting off(Action action) {
        return new RuleSetting(false, action);
    }
}
