package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SalutationAddressesSomeoneElseTest {

    private static final String BODY = "\nいつもお世話になっております。エグザンプルの山田です。";

    private final Checks checks = Checks.withDefaults();

    /** Salutations that address あおば商事 or its 田中 太郎, in the forms people write. */
    @ParameterizedTest
    @ValueSource(strings = {
        "株式会社あおば商事 田中様",
        "あおば商事株式会社\n営業部 田中 太郎 様",
        "㈱あおば商事　営業部　田中様",
        "(株)あおば商事 田中さま",
        "あおば商事株式会社 御中",
        "あおば商事 ご担当者様",
        "あおば商事株式会社 営業部 部長 田中 太郎 殿",
        "株式会社あおば商事\n田中様",
        "あおば商事田中様",
        "あおば商事様",
    })
    void holdsASalutationForAobaSentToTheOtherTanakaAtMidoriBank(String salutation) {
        var findings = checks.findings(Checks.mail().to("田中 一郎", "ichiro.tanaka@midori-bank.co.jp")
                .body(salutation + BODY), RuleIds.SALUTATION_MISMATCH);

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.evidence()).containsEntry("organization", "あおば商事株式会社"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "株式会社あおば商事 田中様",
        "あおば商事株式会社\n営業部 田中 太郎 様",
        "㈱あおば商事　営業部　田中様",
        "あおば商事株式会社 御中",
        "あおば商事 ご担当者様",
        "田中様",
        "田中 太郎様",
        "田中太郎様",
        "たなか様",
        "営業部 田中部長",
    })
    void deliversTheSameSalutationsToTanakaOfAoba(String salutation) {
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").body(salutation + BODY),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @Test
    void aSurnameAloneMatchesAnyContactOfThatName() {
        assertThat(checks.findings(Checks.mail().to("ichiro.tanaka@midori-bank.co.jp").body("田中様" + BODY),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @Test
    void holdsASurnameThatIsNotTheRecipients() {
        var findings = checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").body("田中様" + BODY),
                RuleIds.SALUTATION_MISMATCH);

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.explanationEn()).contains("田中"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"各位", "関係者各位", "ご担当者様", "皆様", "お客様各位", "営業部 御中", "山口様",
        "株式会社ほげほげ 山口様", "Dear all,", "Dear Sir or Madam,", "Hi team,", "Hello,"})
    void genericFormsAndNamesNobodyKnowsAreNoEvidence(String salutation) {
        assertThat(checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").body(salutation + BODY),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dear Ms. Carter,", "Hi Emily,", "Dear Emily Carter,", "Dear Sakura Logistics team,",
        "Hello Ms. Suzuki,", "Dear Suzuki-san,"})
    void readsEnglishSalutations(String salutation) {
        String body = salutation + "\nThank you for your quick reply.";
        assertThat(checks.findings(Checks.mail().to("john.smith@pacific-trading.com").body(body),
                RuleIds.SALUTATION_MISMATCH)).hasSize(1);
        assertThat(checks.findings(Checks.mail().to("emily.carter@sakura-logistics.com")
                .cc("suzuki@sakura-logistics.com").body(body), RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @Test
    void readsARomanizedJapaneseSurnameByItsReading() {
        String body = "Dear Mr. Tanaka,\nPlease find the revised schedule below.";

        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").body(body), RuleIds.SALUTATION_MISMATCH))
                .isEmpty();
        assertThat(checks.findings(Checks.mail().to("k.suzuki@aoba-shoji.co.jp").body(body), RuleIds.SALUTATION_MISMATCH))
                .hasSize(1);
    }

    @Test
    void leavesASalutationToAnUnknownRecipientToTheUnknownRules() {
        assertThat(checks.findings(Checks.mail().to("tanaka@unknown-trading.co.jp").body("あおば商事 田中様" + BODY),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @Test
    void neverJudgesMailThatStaysInside() {
        assertThat(checks.findings(Checks.mail().to("kobayashi.ken@example.co.jp").body("あおば商事 田中様" + BODY),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
    }

    @Test
    void aSalutationNamingSeveralPeopleNeedsEachAmongTheRecipients() {
        String body = "あおば商事 田中様、鈴木様" + BODY;

        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("k.suzuki@aoba-shoji.co.jp").body(body),
                RuleIds.SALUTATION_MISMATCH)).isEmpty();
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").body("みどり銀行 木村様、あおば商事 田中様" + BODY),
                RuleIds.SALUTATION_MISMATCH)).hasSize(1);
    }

    @Test
    void ignoresNamesInTheBodyBelowTheSalutation() {
        String body = "木村様\nいつもお世話になっております。\nあおば商事の田中様にもよろしくお伝えください。";

        assertThat(checks.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").body(body), RuleIds.SALUTATION_MISMATCH))
                .isEmpty();
    }
}
