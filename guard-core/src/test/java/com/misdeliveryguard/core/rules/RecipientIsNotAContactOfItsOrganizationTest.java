package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientIsNotAContactOfItsOrganizationTest {

    private final Checks checks = Checks.withDefaults();

    @Test
    void namesTheClosestContactAtThatDomain() {
        var findings = checks.findings(Checks.mail().to("tanak@aoba-shoji.co.jp"), RuleIds.UNKNOWN_AT_KNOWN_ORG);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.evidence()).containsEntry("closestContact", "tanaka@aoba-shoji.co.jp")
                    .containsEntry("closestContactName", "田中 太郎")
                    .containsEntry("organization", "あおば商事株式会社");
            assertThat(f.explanationEn()).contains("Did you mean 田中 太郎 <tanaka@aoba-shoji.co.jp>");
            assertThat(f.explanationJa()).endsWith("もしかして あおば商事株式会社の田中 太郎さん（tanaka@aoba-shoji.co.jp）ですか？");
        });
    }

    @Test
    void looksAtTheOrganizationsOtherDomainsWhenTheDomainHasNoContacts() {
        var findings = checks.findings(Checks.mail().to("emily.carter@sakura-logistics.co.jp"),
                RuleIds.UNKNOWN_AT_KNOWN_ORG);

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.evidence()).containsEntry("closestContact", "emily.carter@sakura-logistics.com"));
    }

    @Test
    void isNotAboutUnknownDomains() {
        assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.com"), RuleIds.UNKNOWN_AT_KNOWN_ORG)).isEmpty();
    }
}
