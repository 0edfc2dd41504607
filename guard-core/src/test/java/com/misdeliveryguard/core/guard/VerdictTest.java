package com.misdeliveryguard.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void theTwoArgumentVerdictEnforcesItsActionWithoutRecipients() {
        Finding finding = new Finding("guard-error", Severity.HIGH, Optional.empty(), "エラー", "error", Map.of());

        Verdict verdict = new Verdict(Action.HOLD, List.of(finding));

        assertThat(verdict.policyAction()).isEqualTo(Action.HOLD);
        assertThat(verdict.recipients()).isEmpty();
        assertThat(verdict.shadowed()).isFalse();
        assertThat(Verdict.deliver().action()).isEqualTo(Action.DELIVER);
    }

    @Test
    void findingsBelowMediumAreNotes() {
        assertThat(new Finding("x", Severity.LOW, Optional.empty(), "", "", Map.of()).actionable()).isFalse();
        assertThat(new Finding("x", Severity.MEDIUM, Optional.empty(), "", "", Map.of()).actionable()).isTrue();
    }
}
