package com.misdeliveryguard.core.guard;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one message: the action to take and the findings that led to it.
 * The SMTP and queue code looks only at {@link #action()}; people and the log read the findings.
 */
public record Verdict(Action action, List<Finding> findings) {

    public Verdict {
        Objects.requireNonNull(action, "action");
        findings = List.copyOf(findings);
    }

    /** Deliver, nothing found. */
    public static Verdict deliver() {
        return new Verdict(Action.DELIVER, List.of());
    }
}
