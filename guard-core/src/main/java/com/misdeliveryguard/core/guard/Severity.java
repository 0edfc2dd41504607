package com.misdeliveryguard.core.guard;

/** How sure a rule is that a finding is a mistake. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
