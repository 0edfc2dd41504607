package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.testing.Mail;
import org.junit.jupiter.api.Test;

class RecipientIsUnknownTest {

    private final Checks checks = Checks.withDefaults();

    @Test
    void holdsMailToAnAddressAtADomainNobodyKnows() {
        var verdict = checks.check(Checks.mail().to("info@unknown-trading.co.jp").body("ご担当者様"));

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleIds.UNKNOWN_RECIPIENT);
            assertThat(f.recipient()).contains(MailAddress.of("info@unknown-trading.co.jp"));
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.explanationJa()).contains("アドレス帳に登録されておらず");
            assertThat(f.explanationEn()).contains("not in the address directory");
        });
    }

    @Test
    void judgesBccRecipientsToo() {
        var findings = checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").bcc("someone@unknown-trading.co.jp"),
                RuleIds.UNKNOWN_RECIPIENT);

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.recipient()).contains(MailAddress.of("someone@unknown-trading.co.jp")));
    }

    @Test
    void doesNotHoldALearnedRecipientButNotesIt() {
        var verdict = checks.check(Checks.mail().to("design.office@outlook.jp").body("デザイン事務所 御中"));

        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(verdict.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(RuleIds.UNKNOWN_RECIPIENT);
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.actionable()).isFalse();
        });
    }

    @Test
    void aRecipientLearnedByAnotherSenderIsStillUnknown() {
        var verdict = checks.check(Mail.from("sato.hanako@example.co.jp")
                .to("design.office@outlook.jp"));

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
    }

    @Test
    void aDomainWhosePunycodeDoesNotDecodeIsUnknownNotAnOutage() {
        var verdict = checks.check(Checks.mail().to("tanaka@xn--oba-shoji-9ag.co.jp"));

        assertThat(verdict.findings()).extracting(f -> f.ruleId()).containsExactly(RuleIds.UNKNOWN_RECIPIENT);
    }

    @Test
    void leavesContactsAndInternalAddressesAlone() {
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("nobody.yet@example.co.jp"),
                RuleIds.UNKNOWN_RECIPIENT)).isEmpty();
    }
}
