package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.guard.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientDomainLooksLikeAKnownDomainTest {

    private final Checks checks = Checks.withDefaults();

    @ParameterizedTest(name = "{0} looks like {1} ({2})")
    @CsvSource({
        "aoba-shoji.com,        aoba-shoji.co.jp,   public-suffix",
        "aoba-shoji.jp,         aoba-shoji.co.jp,   public-suffix",
        "aoba-shoji.co,         aoba-shoji.co.jp,   public-suffix",
        "aoba-shouji.co.jp,     aoba-shoji.co.jp,   edit-distance",
        "aoba-sohji.co.jp,      aoba-shoji.co.jp,   edit-distance",
        "aobashoji.co.jp,       aoba-shoji.co.jp,   edit-distance",
        "midori-bamk.co.jp,     midori-bank.co.jp,  edit-distance",
        "rnidori-bank.co.jp,    midori-bank.co.jp,  confusable",
        "sakura-1ogistics.com,  sakura-logistics.com, confusable",
        "aoba-sh0ji.co.jp,      aoba-shoji.co.jp,   confusable",
        "gmai1.com,             gmail.com,          confusable",
    })
    void holdsWithTheKnownDomainAsEvidence(String typed, String known, String resemblance) {
        var findings = checks.findings(Checks.mail().to("tanaka@" + typed), RuleIds.LOOKALIKE_DOMAIN);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence()).containsEntry("knownDomain", known).containsEntry("resemblance", resemblance);
            assertThat(f.explanationEn()).endsWith("Did you mean " + known + "?");
            assertThat(f.explanationJa()).contains("もしかして " + known + " ですか").doesNotContain(" に似ています")
                    .doesNotContain("（末尾（");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"аoba-shoji.co.jp", "aobа-shoji.co.jp", "ѕakura-logistics.com"})
    void catchesInternationalizedHomographs(String unicodeDomain) {
        String ascii = DomainName.of(unicodeDomain).ascii();

        var findings = checks.findings(Checks.mail().to("tanaka@" + ascii), RuleIds.LOOKALIKE_DOMAIN);

        assertThat(ascii).startsWith("xn--");
        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.evidence()).containsEntry("resemblance", "idn-homograph"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hikari-denko.co.jp", "hikari-denki.co.jp", "aoba-shoji.co.jp", "example.co.jp"})
    void leavesKnownDomainsAloneEvenWhenTheyResembleEachOther(String domain) {
        assertThat(checks.findings(Checks.mail().to("kondo@" + domain), RuleIds.LOOKALIKE_DOMAIN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aozora-shoji.co.jp", "midori-denki.co.jp", "abc.co.jp", "sakura.com"})
    void leavesUnrelatedUnknownDomainsToTheUnknownRule(String domain) {
        assertThat(checks.findings(Checks.mail().to("info@" + domain), RuleIds.LOOKALIKE_DOMAIN)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void suggestsThePersonAtTheKnownDomainBySameLocalPartOrByTheDisplayName() {
        var byLocalPart = checks.findings(Checks.mail().to("tanaka@aoba-shoji.com"), RuleIds.LOOKALIKE_DOMAIN);
        var byName = checks.findings(Checks.mail().to("佐藤 直美", "naomi@aoba-shoji.jp"), RuleIds.LOOKALIKE_DOMAIN);

        assertThat(byLocalPart).singleElement().satisfies(f -> assertThat(f.evidence())
                .containsEntry("suggestedAddress", "tanaka@aoba-shoji.co.jp").containsEntry("suggestedName", "田中 太郎"));
        assertThat(byName).singleElement().satisfies(f -> assertThat(f.evidence())
                .containsEntry("suggestedAddress", "sato@aoba-shoji.co.jp"));
    }
}
