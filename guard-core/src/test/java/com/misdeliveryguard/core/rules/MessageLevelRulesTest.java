package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.testing.Mail;
import com.misdeliveryguard.core.thread.InMemoryThreadHistory;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageLevelRulesTest {

    private final Checks checks = Checks.withDefaults();

    @Nested
    class RecipientsSpanExternalOrganizationsTest {

        @Test
        void holdsVisibleRecipientsOfTwoExternalOrganizations() {
            var findings = checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("y.kimura@midori-bank.co.jp"),
                    RuleIds.MULTIPLE_EXTERNAL_ORGS);

            assertThat(findings).singleElement().satisfies(f ->
                    assertThat(f.evidence().get("organizations")).contains("あおば商事株式会社", "株式会社みどり銀行"));
        }

        @Test
        void countsOnlyVisibleExternalIdentifiedOrganizations() {
            assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("k.suzuki@aoba-shoji.co.jp")
                    .cc("sato.hanako@example.co.jp").cc("info@unknown-trading.co.jp").bcc("y.kimura@midori-bank.co.jp"),
                    RuleIds.MULTIPLE_EXTERNAL_ORGS)).isEmpty();
        }
    }

    @Nested
    class ManyExternalAddressesAreVisibleTest {

        @Test
        void holdsTenExternalAddressesOfTwoOrganizationsInToAndCc() {
            Mail mail = Checks.mail();
            for (int i = 0; i < 10; i++) {
                mail.to("member" + i + (i % 2 == 0 ? "@seminar-guests.jp" : "@other-guests.jp"));
            }
            assertThat(checks.findings(mail, RuleIds.MANY_VISIBLE_EXTERNAL)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("visibleExternal", "10")
                            .containsEntry("organizations", "2"));
        }

        @Test
        void elevenMembersOfOneCustomersTeamExposeNobodyToAnotherCompany() {
            Mail mail = Checks.mail();
            for (int i = 0; i < 11; i++) {
                mail.to("member" + i + "@aoba-shoji.co.jp");
            }
            assertThat(checks.findings(mail, RuleIds.MANY_VISIBLE_EXTERNAL)).isEmpty();
        }

        @Test
        void holdsAboveTheAbsoluteCapEvenWithinOneOrganization() {
            Mail mail = Checks.mail();
            for (int i = 0; i < 31; i++) {
                mail.to("member" + i + "@aoba-shoji.co.jp");
            }
            assertThat(checks.findings(mail, RuleIds.MANY_VISIBLE_EXTERNAL)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("cap", "30").containsEntry("organizations", "1"));
            var capped = Checks.with(Policy.builder().manyVisibleExternalCap(40).build());
            assertThat(capped.findings(mail, RuleIds.MANY_VISIBLE_EXTERNAL)).isEmpty();
        }

        @Test
        void bccAndInternalAddressesDoNotCount() {
            Mail mail = Checks.mail().to("yamada.taro@example.co.jp");
            for (int i = 0; i < 9; i++) {
                mail.to("member" + i + "@seminar-guests.jp");
            }
            mail.bcc("member9@seminar-guests.jp").bcc("member10@seminar-guests.jp");
            assertThat(checks.findings(mail, RuleIds.MANY_VISIBLE_EXTERNAL)).isEmpty();
        }

        @Test
        void takesTheThresholdFromThePolicy() {
            var three = Checks.with(Policy.builder().manyVisibleExternalThreshold(3).build());
            assertThat(three.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").to("k.suzuki@aoba-shoji.co.jp")
                    .cc("ichiro.tanaka@midori-bank.co.jp"), RuleIds.MANY_VISIBLE_EXTERNAL)).hasSize(1);
        }
    }

    @Nested
    class ReplyBringsANewDomainTest {

        private final InMemoryThreadHistory threads = new InMemoryThreadHistory(100);
        private final Checks threaded = Checks.with(Policy.defaults(), threads);

        @Test
        void holdsAReplyThatAddsADomainTheThreadDidNotHave() {
            threaded.check(Checks.mail().to("tanaka@aoba-shoji.co.jp").messageId("1@example.co.jp"));

            var findings = threaded.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("y.kimura@midori-bank.co.jp")
                    .messageId("2@example.co.jp").inReplyTo("1@example.co.jp"), RuleIds.NEW_DOMAIN_IN_REPLY);

            assertThat(findings).singleElement().satisfies(f ->
                    assertThat(f.evidence()).containsEntry("domain", "midori-bank.co.jp"));
        }

        @Test
        void acceptsTheThreadsDomainsAndOtherDomainsOfTheSameOrganization() {
            threaded.check(Checks.mail().to("emily.carter@sakura-logistics.com").messageId("3@example.co.jp"));

            assertThat(threaded.findings(Checks.mail().to("emily.carter@sakura-logistics.com")
                    .cc("ops@sakura-logistics.co.jp").inReplyTo("3@example.co.jp"), RuleIds.NEW_DOMAIN_IN_REPLY)).isEmpty();
        }

        @Test
        void ignoresRepliesToMessagesItNeverSaw() {
            assertThat(threaded.findings(Checks.mail().to("y.kimura@midori-bank.co.jp").inReplyTo("incoming@midori-bank.co.jp"),
                    RuleIds.NEW_DOMAIN_IN_REPLY)).isEmpty();
        }
    }

    @Nested
    class KeywordGoesOutsideTest {

        private final Checks withKeywords = Checks.with(Policy.builder().keywords(List.of("社外秘", "Confidential")).build());

        @Test
        void holdsAConfiguredKeywordInTheSubjectOrBodyOfExternalMail() {
            assertThat(withKeywords.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").subject("【社外秘】価格表"),
                    RuleIds.KEYWORD)).singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("where", "subject"));
            assertThat(withKeywords.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").body("ＣＯＮＦＩＤＥＮＴＩＡＬ draft"),
                    RuleIds.KEYWORD)).singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("where", "body"));
        }

        @Test
        void internalMailAndTheEmptyDefaultListNeverFire() {
            assertThat(withKeywords.findings(Checks.mail().to("sato.hanako@example.co.jp").subject("【社外秘】価格表"),
                    RuleIds.KEYWORD)).isEmpty();
            assertThat(checks.findings(Checks.mail().to("tanaka@aoba-shoji.co.jp").subject("【社外秘】価格表"),
                    RuleIds.KEYWORD)).isEmpty();
        }
    }

    @Nested
    class AttachmentGoesOutsideTest {

        @Test
        void isOffByDefault() {
            assertThat(checks.check(Checks.mail().to("tanaka@aoba-shoji.co.jp").attach("資料.pdf")).action())
                    .isEqualTo(Action.DELIVER);
        }

        @Test
        void whenEnabledNamesEachExternalRecipient() {
            var enabled = Checks.with(Policy.builder().enable(RuleIds.EXTERNAL_ATTACHMENT)
                    .action(RuleIds.EXTERNAL_ATTACHMENT, Action.DELAY).build());

            var verdict = enabled.check(Checks.mail().to("tanaka@aoba-shoji.co.jp").cc("sato.hanako@example.co.jp")
                    .attach("資料.pdf"));

            assertThat(verdict.action()).isEqualTo(Action.DELAY);
            assertThat(verdict.findings()).singleElement().satisfies(f -> assertThat(f.ruleId())
                    .isEqualTo(RuleIds.EXTERNAL_ATTACHMENT));
        }
    }

    @Nested
    class MessageCouldNotBeParsedTest {

        @Test
        void holdsAMessageWithParserProblems() {
            var verdict = checks.check(Checks.mail().to("tanaka@aoba-shoji.co.jp").problem("undecodable base64"));

            assertThat(verdict.action()).isEqualTo(Action.HOLD);
            assertThat(verdict.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo(RuleIds.UNPARSEABLE_MESSAGE);
                assertThat(f.evidence()).containsEntry("problems", "undecodable base64");
            });
        }

        @Test
        void holdsEvenInternalMail() {
            assertThat(checks.check(Checks.mail().to("sato.hanako@example.co.jp").problem("no From header")).action())
                    .isEqualTo(Action.HOLD);
        }
    }
}
