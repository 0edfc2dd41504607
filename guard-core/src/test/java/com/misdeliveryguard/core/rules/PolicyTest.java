package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.guard.Action;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void theDefaultsAreThoseOfTheSpecification() {
        Policy policy = Policy.defaults();

        assertThat(policy.mode()).isEqualTo(Policy.Mode.ENFORCE);
        assertThat(policy.rules().keySet()).containsExactlyElementsOf(RuleIds.ALL);
        RuleIds.ALL.stream().filter(id -> !id.equals(RuleIds.EXTERNAL_ATTACHMENT))
                .forEach(id -> assertThat(policy.rule(id)).isEqualTo(RuleSetting.on(Action.HOLD)));
        assertThat(policy.rule(RuleIds.EXTERNAL_ATTACHMENT).enabled()).isFalse();
        assertThat(policy.manyVisibleExternalThreshold()).isEqualTo(10);
        assertThat(policy.keywords()).isEmpty();
        assertThat(policy.learnedRecipients()).isTrue();
    }

    @Test
    void theConstructorFillsInWhatTheConfigurationLeavesOut() {
        Policy policy = new Policy(Policy.Mode.SHADOW, Map.of(RuleIds.KEYWORD, RuleSetting.on(Action.DELAY)), 20,
                List.of(" 社外秘 ", "", "機密"), true);

        assertThat(policy.rule(RuleIds.KEYWORD)).isEqualTo(RuleSetting.on(Action.DELAY));
        assertThat(policy.rule(RuleIds.LOOKALIKE_DOMAIN)).isEqualTo(RuleSetting.on(Action.HOLD));
        assertThat(policy.keywords()).containsExactly("社外秘", "機密");
    }

    @Test
    void anUnknownRuleIdIsRefusedWithTheListOfValidOnes() {
        assertThatThrownBy(() -> Policy.builder().disable("lookalike"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lookalike-domain");
        assertThatThrownBy(() -> new Policy(Policy.Mode.ENFORCE, Map.of("typo", RuleSetting.on(Action.HOLD)), 10,
                List.of(), true)).hasMessageContaining("unknown rule 'typo'");
    }

    @Test
    void convertToBccIsAnActionForTheVisibleExternalRulesOnly() {
        Policy policy = Policy.builder().action(RuleIds.MANY_VISIBLE_EXTERNAL, Action.BCC)
                .action(RuleIds.MULTIPLE_EXTERNAL_ORGS, Action.BCC).build();

        assertThat(policy.rule(RuleIds.MANY_VISIBLE_EXTERNAL).action()).isEqualTo(Action.BCC);
        assertThatThrownBy(() -> Policy.builder().action(RuleIds.LOOKALIKE_DOMAIN, Action.BCC).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("convert-to-bcc")
                .hasMessageContaining("lookalike-domain");
    }

    @Test
    void aCopyChangesOnlyWhatItIsTold() {
        Policy shadow = Policy.defaults().toBuilder().mode(Policy.Mode.SHADOW).build();

        assertThat(shadow.mode()).isEqualTo(Policy.Mode.SHADOW);
        assertThat(shadow.rules()).isEqualTo(Policy.defaults().rules());
    }
}
