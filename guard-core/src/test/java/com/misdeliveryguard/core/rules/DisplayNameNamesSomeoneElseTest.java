package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DisplayNameNamesSomeoneElseTest {

    private final Checks checks = Checks.withDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"田中 太郎", "田中太郎", "田中 太郎 様", "Tanaka Taro", "Taro Tanaka", "田中", "たなか たろう",
        "あおば商事 田中", "田中 太郎 (あおば商事)", "田中 太郎/あおば商事株式会社"})
    void acceptsTheWaysTheOwnersNameIsWritten(String display) {
        assertThat(checks.findings(Checks.mail().to(display, "tanaka@aoba-shoji.co.jp"), RuleIds.DISPLAY_NAME_MISMATCH))
                .isEmpty();
    }

    @Test
    void holdsANameThatBelongsToAnotherContact() {
        var findings = checks.findings(Checks.mail().to("田中 太郎", "k.suzuki@aoba-shoji.co.jp"),
                RuleIds.DISPLAY_NAME_MISMATCH);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("displayName", "田中 太郎");
            assertThat(f.explanationJa()).contains("鈴木 健一");
        });
    }

    @Test
    void holdsTheRightNameWithTheWrongCompanyWhenThatCompanyHasSuchAPerson() {
        assertThat(checks.findings(Checks.mail().to("田中 太郎 (みどり銀行)", "tanaka@aoba-shoji.co.jp"),
                RuleIds.DISPLAY_NAME_MISMATCH)).hasSize(1);
        assertThat(checks.findings(Checks.mail().to("田中 太郎 (北斗システム)", "tanaka@aoba-shoji.co.jp"),
                RuleIds.DISPLAY_NAME_MISMATCH)).isEmpty();
    }

    @Test
    void holdsADisplayNameThatIsAnotherOrganization() {
        assertThat(checks.findings(Checks.mail().to("みどり銀行", "tanaka@aoba-shoji.co.jp"), RuleIds.DISPLAY_NAME_MISMATCH))
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sales Team", "営業部", "山口 花子", "tanaka@aoba-shoji.co.jp", "とっても大事なお客様"})
    void namesNobodyKnownIsNoEvidence(String display) {
        assertThat(checks.findings(Checks.mail().to(display, "tanaka@aoba-shoji.co.jp"), RuleIds.DISPLAY_NAME_MISMATCH))
                .isEmpty();
    }

    @Test
    void leavesUnknownRecipientsToTheUnknownRules() {
        assertThat(checks.findings(Checks.mail().to("田中 太郎", "tanaka@unknown-trading.co.jp"),
                RuleIds.DISPLAY_NAME_MISMATCH)).isEmpty();
    }
}
