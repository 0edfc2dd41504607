package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttachmentNamesAnotherOrganizationTest {

    private final Checks checks = Checks.withDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"御見積書_あおば商事様_20250401.pdf", "【あおば商事株式会社御中】ご提案資料.pptx",
        "見積書(㈱あおば商事).xlsx", "あおば商事様御見積書.pdf", "SakuraLogistics_Invoice_0412.xlsx"})
    void holdsAFileNamedForAnotherCompany(String file) {
        assertThat(checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").attach(file),
                RuleIds.ATTACHMENT_NAME_MISMATCH)).hasSize(1);
    }

    @Test
    void deliversAFileNamedForTheRecipientsCompany() {
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").attach("御見積書_あおば商事様_20250401.pdf"),
                RuleIds.ATTACHMENT_NAME_MISMATCH)).isEmpty();
    }

    @Test
    void aFileAboutTheRecipientAndAnotherCompanyIsAboutBoth() {
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").attach("あおば商事_みどり銀行_共同提案.pptx"),
                RuleIds.ATTACHMENT_NAME_MISMATCH)).isEmpty();
    }

    @Test
    void ownCompanyAndUnknownNamesAreNoEvidence() {
        assertThat(checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp")
                .attach("株式会社エグザンプル_会社案内.pdf").attach("ほげ商事_見積書.pdf"), RuleIds.ATTACHMENT_NAME_MISMATCH))
                .isEmpty();
    }

    @Test
    void internalMailIsNeverJudged() {
        assertThat(checks.findings(Checks.mail().to("sato.hanako@example.co.jp").attach("御見積書_あおば商事様.pdf"),
                RuleIds.ATTACHMENT_NAME_MISMATCH)).isEmpty();
    }

    @Test
    void anUnidentifiedRecipientMightBeTheOneTheFileIsFor() {
        assertThat(checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").cc("someone@gmail.com")
                .attach("御見積書_あおば商事様.pdf"), RuleIds.ATTACHMENT_NAME_MISMATCH)).isEmpty();
    }
}
