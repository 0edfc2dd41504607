package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.history.InMemorySenderHistory;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.testing.InMemoryDirectory;
import com.misdeliveryguard.core.testing.Mail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules and precision changes of issue 10 on the sample directory (ADR 0007). */
class IssueTenRulesTest {

    static final InMemoryDirectory DIRECTORY = InMemoryDirectory.fromCsvText(
            csv(InMemoryDirectory.sample()) , List.of("example.co.jp"));
    static final String SENDER = "yamada.taro@example.co.jp";
    static final Instant NOW = Instant.parse("2025-04-01T01:00:00Z");

    /** The sample directory plus a 髙橋 and a colleague 木村 for the cases below. */
    private static String csv(InMemoryDirectory ignored) {
        return "email,name,name_kana,organization,department\n"
                + "yamada.taro@example.co.jp,山田 太郎,やまだ たろう,株式会社エグザンプル,営業部\n"
                + "kimura.shin@example.co.jp,木村 伸,きむら しん,株式会社エグザンプル,開発部\n"
                + "kobayashi.ken@example.co.jp,小林 健,こばやし けん,株式会社エグザンプル,開発部\n"
                + "tanaka@aoba-shoji.co.jp,田中 太郎,たなか たろう,あおば商事株式会社,営業部\n"
                + "m.takahashi@aoba-shoji.co.jp,髙橋 誠,たかはし まこと,あおば商事株式会社,総務部\n"
                + "ichiro.tanaka@midori-bank.co.jp,田中 一郎,たなか いちろう,株式会社みどり銀行,法人営業部\n"
                + "y.kimura@midori-bank.co.jp,木村 陽子,きむら ようこ,株式会社みどり銀行,法人営業部\n"
                + "hasegawa@hokuto-sys.co.jp,長谷川 拓也,はせがわ たくや,北斗システム株式会社,開発部\n"
                + "kondo@hikari-denki.co.jp,近藤 修,こんどう おさむ,株式会社ひかり電機,資材部\n"
                + "kondo@hikari-denko.co.jp,近藤 真理,こんどう まり,ひかり電工株式会社,営業部\n";
    }

    private static Verdict check(Mail mail, SenderHistory history, Policy policy) {
        Mail.Built built = mail.build();
        return RuleEngine.builder(DIRECTORY).policy(policy).senderHistory(history).build()
                .check(built.envelope(), built.facts());
    }

    private static List<Finding> findings(Mail mail, String rule) {
        return findings(mail, SenderHistory.NONE, rule);
    }

    private static List<Finding> findings(Mail mail, SenderHistory history, String rule) {
        return check(mail, history, Policy.defaults()).findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    private static InMemorySenderHistory history() {
        return new InMemorySenderHistory(100, Duration.ofDays(180), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void times(SenderHistory history, String recipient, int times) {
        for (int i = 0; i < times; i++) {
            history.record(MailAddress.of(SENDER), MailAddress.of(recipient), NOW.minusSeconds(3600L * (i + 1)));
        }
    }

    @Nested
    class NamesakeOfUsualRecipient {

        @Test
        void shouldHoldTheOutsideNamesakeOfAColleagueTheSenderWritesToEveryWeek() {
            InMemorySenderHistory history = history();
            times(history, "kimura.shin@example.co.jp", 5);
            Mail mail = Mail.from(SENDER).to("木村 陽子", "y.kimura@midori-bank.co.jp").subject("【社外秘】チェックリスト")
                    .body("木村さん\n\nチェックリストです。");

            assertThat(findings(mail, history, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).singleElement().satisfies(f -> {
                assertThat(f.evidence()).containsEntry("didYouMean", "kimura.shin@example.co.jp")
                        .containsEntry("suggestedAddress", "kimura.shin@example.co.jp") // "send to … instead" on the page
                        .containsEntry("usualDeliveries", "5").containsEntry("recipientDeliveries", "0");
                assertThat(f.explanationJa()).contains("木村 伸");
                assertThat(f.actionable()).isTrue();
            });
        }

        @Test
        void shouldStillHoldAfterOneConfirmedDeliveryButNotOnceTheNamesakeIsUsualToo() {
            InMemorySenderHistory history = history();
            times(history, "kimura.shin@example.co.jp", 5);
            times(history, "y.kimura@midori-bank.co.jp", 1);
            Mail mail = Mail.from(SENDER).to("y.kimura@midori-bank.co.jp").body("木村様");
            assertThat(findings(mail, history, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).hasSize(1);

            times(history, "y.kimura@midori-bank.co.jp", 2);
            assertThat(findings(mail, history, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).isEmpty();
        }

        @Test
        void shouldFindNothingWithoutHistoryOrForInternalMail() {
            Mail outside = Mail.from(SENDER).to("y.kimura@midori-bank.co.jp").body("木村様");
            assertThat(findings(outside, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).isEmpty();
            InMemorySenderHistory history = history();
            times(history, "y.kimura@midori-bank.co.jp", 5);
            Mail inside = Mail.from(SENDER).to("kimura.shin@example.co.jp").body("木村さん");
            assertThat(findings(inside, history, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).isEmpty();
        }

        @Test
        void shouldCompareNamesAfterFoldingVariantKanji() {
            InMemorySenderHistory history = history();
            times(history, "m.takahashi@aoba-shoji.co.jp", 4);
            Mail mail = Mail.from(SENDER).to("高橋 誠", "takahashi.makoto@example-partner.jp").body("高橋さん");
            assertThat(findings(mail, history, RuleIds.NAMESAKE_OF_USUAL_RECIPIENT)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("didYouMean", "m.takahashi@aoba-shoji.co.jp"));
        }
    }

    @Nested
    class InternalAddressTypo {

        @Test
        void shouldSuggestTheColleagueOneEditAway() {
            assertThat(findings(Mail.from(SENDER).to("kimura.sin@example.co.jp"), RuleIds.INTERNAL_ADDRESS_TYPO))
                    .singleElement().satisfies(f -> assertThat(f.evidence())
                            .containsEntry("didYouMean", "kimura.shin@example.co.jp").containsEntry("resemblance", "address")
                            .containsEntry("suggestedAddress", "kimura.shin@example.co.jp"));
        }

        @Test
        void shouldSuggestTheColleagueTheDisplayNameNames() {
            assertThat(findings(Mail.from(SENDER).to("小林 健", "kobayashi@example.co.jp"), RuleIds.INTERNAL_ADDRESS_TYPO))
                    .singleElement().satisfies(f -> assertThat(f.evidence())
                            .containsEntry("didYouMean", "kobayashi.ken@example.co.jp").containsEntry("resemblance", "displayName"));
        }

        @Test
        void shouldLeaveRoleAddressesAndAddressesLikeNobodyAlone() {
            assertThat(findings(Mail.from(SENDER).to("dev-all@example.co.jp").to("info@example.co.jp")
                    .to("newcomer.2025@example.co.jp"), RuleIds.INTERNAL_ADDRESS_TYPO)).isEmpty();
            Policy strict = Policy.builder().roleAddresses(new RoleAddresses(List.of("*-ml@"))).build();
            assertThat(check(Mail.from(SENDER).to("kimura.shi@example.co.jp").to("kimura-ml@example.co.jp"),
                    SenderHistory.NONE, strict).findings()).extracting(Finding::recipient).extracting(r -> r.get().toString())
                    .containsExactly("kimura.shi@example.co.jp");
        }
    }

    @Nested
    class Mentions {

        @Test
        void shouldHoldASubjectNamingAnotherCustomer() {
            assertThat(findings(Mail.from(SENDER).to("ichiro.tanaka@midori-bank.co.jp").subject("【北斗システム様】ご提案")
                    .body("田中様\n\nご提案です。"), RuleIds.SALUTATION_MISMATCH)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("subject", "【北斗システム様】ご提案"));
            assertThat(findings(Mail.from(SENDER).to("hasegawa@hokuto-sys.co.jp").subject("【北斗システム様】ご提案")
                    .body("長谷川様"), RuleIds.SALUTATION_MISMATCH)).isEmpty();
        }

        @Test
        void shouldHoldMinutesTitledWithTheSimilarlyNamedOtherCustomer() {
            assertThat(findings(Mail.from(SENDER).to("kondo@hikari-denko.co.jp").subject("ひかり電機 定例会議 議事録")
                    .body("近藤様"), RuleIds.SALUTATION_MISMATCH)).hasSize(1);
        }

        @Test
        void shouldTakeTheOrganizationOfASurnameOnlySalutationFromTheBody() {
            assertThat(findings(Mail.from(SENDER).to("ichiro.tanaka@midori-bank.co.jp")
                    .body("田中様\n\nあおば商事様向けのお見積書をお送りします。"), RuleIds.SALUTATION_MISMATCH)).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("bodyMention", "あおば商事株式会社"));
            assertThat(findings(Mail.from(SENDER).to("tanaka@aoba-shoji.co.jp")
                    .body("田中様\n\nあおば商事様向けのお見積書をお送りします。"), RuleIds.SALUTATION_MISMATCH)).isEmpty();
        }

        @Test
        void shouldReadARomajiCompanyNameByItsDomain() {
            assertThat(findings(Mail.from(SENDER).to("ichiro.tanaka@midori-bank.co.jp")
                    .body("Aoba Shoji Co., Ltd. / Mr. Ichiro Tanaka\n\nPlease find the quotation."),
                    RuleIds.SALUTATION_MISMATCH)).hasSize(1);
            assertThat(findings(Mail.from(SENDER).to("tanaka@aoba-shoji.co.jp")
                    .body("Aoba Shoji Co., Ltd. / Mr. Taro Tanaka\n\nPlease find the quotation."),
                    RuleIds.SALUTATION_MISMATCH)).isEmpty();
        }

        @Test
        void shouldMatchVariantKanjiInTheSalutation() {
            assertThat(findings(Mail.from(SENDER).to("m.takahashi@aoba-shoji.co.jp").body("あおば商事 高橋様"),
                    RuleIds.SALUTATION_MISMATCH)).isEmpty();
        }
    }

    @Nested
    class Precision {

        @Test
        void shouldLetASalutationNamingEveryCompanyThrough() {
            Mail mail = Mail.from(SENDER).to("tanaka@aoba-shoji.co.jp").cc("ichiro.tanaka@midori-bank.co.jp")
                    .body("株式会社あおば商事 田中様 / 株式会社みどり銀行 田中様\n\n三社打ち合わせの件です。");
            assertThat(findings(mail, RuleIds.MULTIPLE_EXTERNAL_ORGS)).isEmpty();
            assertThat(findings(Mail.from(SENDER).to("tanaka@aoba-shoji.co.jp").cc("ichiro.tanaka@midori-bank.co.jp")
                    .body("田中様\n\nご連絡です。"), RuleIds.MULTIPLE_EXTERNAL_ORGS)).hasSize(1);
        }

        @Test
        void shouldSeeSuffixTyposAsLookalikes() {
            assertThat(Resemblance.suffixTypos(com.misdeliveryguard.core.directory.DomainName.of("aoba-shoji.co.jo")))
                    .contains("aoba-shoji.co.jp");
            assertThat(Resemblance.suffixTypos(com.misdeliveryguard.core.directory.DomainName.of("aoba-shoji.cojp")))
                    .contains("aoba-shoji.co.jp");
            for (String typo : List.of("aoba-shoji.co.jo", "aoba-shoji.co.kp", "aoba-shoji.cojp")) {
                assertThat(findings(Mail.from(SENDER).to("tanaka@" + typo), RuleIds.LOOKALIKE_DOMAIN)).as(typo)
                        .singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("didYouMean", "aoba-shoji.co.jp"));
            }
        }

        @Test
        void shouldSuggestTheDirectoryAddressOfAKnownPersonsPrivateAddress() {
            assertThat(findings(Mail.from(SENDER).to("田中 一郎", "tanaka.ichiro1975@gmail.com"), RuleIds.UNKNOWN_RECIPIENT))
                    .singleElement().satisfies(f -> assertThat(f.evidence())
                            .containsEntry("didYouMean", "ichiro.tanaka@midori-bank.co.jp")
                            .containsEntry("suggestedAddress", "ichiro.tanaka@midori-bank.co.jp"));
            assertThat(findings(Mail.from(SENDER).to("田中", "tanaka1975@gmail.com"), RuleIds.UNKNOWN_RECIPIENT))
                    .singleElement().satisfies(f -> assertThat(f.evidence()).doesNotContainKey("didYouMean")
                            .doesNotContainKey("suggestedAddress"));
        }

        @Test
        void shouldSuggestAContactOnlyWhenItIsClose() {
            assertThat(findings(Mail.from(SENDER).to("tanaka.t@aoba-shoji.co.jp"), RuleIds.UNKNOWN_AT_KNOWN_ORG))
                    .singleElement().satisfies(f -> assertThat(f.evidence()).containsEntry("closestContact", "tanaka@aoba-shoji.co.jp"));
            assertThat(findings(Mail.from(SENDER).to("procurement-desk@aoba-shoji.co.jp"), RuleIds.UNKNOWN_AT_KNOWN_ORG))
                    .singleElement().satisfies(f -> assertThat(f.evidence()).doesNotContainKey("closestContact"));
        }
    }
}
