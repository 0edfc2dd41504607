package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as the sender's own opening lines, and what is quoted or signed. */
class OpeningLinesTest {

    @Test
    void shouldKeepTheFirstTwentyNonEmptyLinesStripped() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append("  line ").append(i).append("\u3000\n\n");
        }

        assertThat(OpeningLines.of(text.toString()).lines()).hasSize(20).startsWith("line 1").endsWith("line 20");
    }

    @Test
    void shouldCapTheOpeningLinesAtTwoThousandCharacters() {
        String text = ("あ".repeat(500) + "\n").repeat(10);

        assertThat(OpeningLines.of(text)).hasSize(OpeningLines.MAX_CHARS);
    }

    @Test
    void shouldDropLinesQuotedWithGreaterThanSigns() {
        String text = "Dear Ms. Sato,\n> Dear Mr. Kimura of Contoso,\n＞ 株式会社青葉商事 鈴木様\nthank you.\n";

        assertThat(OpeningLines.of(text)).isEqualTo("Dear Ms. Sato,\nthank you.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "On Tue, Apr 1, 2025 at 10:15 AM Ken Suzuki <k.suzuki@aoba-shoji.co.jp> wrote:",
        "Ken Suzuki wrote:",
        "2025年4月1日(火) 10:15 鈴木 健 <k.suzuki@aoba-shoji.co.jp>:",
        "2025/04/01 10:15、鈴木 健 <k.suzuki@aoba-shoji.co.jp>のメール:",
        "鈴木 健 <k.suzuki@aoba-shoji.co.jp> のメッセージ:",
        "鈴木 健 さんは書きました:",
        "-----Original Message-----",
        "-----元のメッセージ-----",
        "----- Original Message -----",
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "begin forwarded message",
        "転送されたメッセージ",
        "転送されたメッセージ：",
        "Ken Suzuki wrote：",
        "-- ",
        "--",
        "----------",
        "__________________________________",
        "＝＝＝＝＝＝＝＝＝＝＝＝",
        "━━━━━━━━━━━━━━━━━━━━",
        "==========================="})
    void shouldCutEverythingFromAQuoteOrSignatureMarkerOn(String marker) {
        String text = "青葉商事 鈴木様\nお世話になっております。\n" + marker + "\n株式会社かえで物産 佐藤様\n";

        assertThat(OpeningLines.of(text)).isEqualTo("青葉商事 鈴木様\nお世話になっております。");
    }

    @Test
    void shouldCutAnOutlookHeaderBlockOfTheQuotedMessage() {
        String text = "鈴木様\n承知しました。\n\n差出人: 佐藤 花子 <h.sato@kaede-bussan.co.jp>\n送信日時: 2025年4月1日 18:12\n宛先: 山田\n";

        assertThat(OpeningLines.of(text)).isEqualTo("鈴木様\n承知しました。");
    }

    @Test
    void shouldKeepALineStartingWithFromThatIsNotAHeaderBlock() {
        String text = "Dear Mr. Suzuki,\nFrom: our side, everything is ready.\nRegards\n";

        assertThat(OpeningLines.of(text).lines()).hasSize(3);
    }

    @Test
    void shouldDropTheWrappedFirstHalfOfAGmailAttribution() {
        String text = "Thanks, Ken.\nOn Tue, Apr 1, 2025 at 10:15 AM Hanako Sato <\nh.sato@kaede-bussan.co.jp> wrote:\n> hi\n";

        assertThat(OpeningLines.of(text)).isEqualTo("Thanks, Ken.");
    }

    @Test
    void shouldNotMistakeADatedSentenceForAnAttribution() {
        String text = "鈴木様\n2025年4月10日の打合せについて：\n場所は弊社です。\n";

        assertThat(OpeningLines.of(text).lines()).hasSize(3);
    }

    @Test
    void shouldNotCutAtAShortRuleOrATextDash() {
        String text = "Dear Mr. Suzuki,\n-----\nprice - 40 units\nRegards\n";

        assertThat(OpeningLines.of(text).lines()).hasSize(4);
    }

    @Test
    void shouldSplitLinesAtCrLfCrOrLfAndReadNoBreakSpacesAsSpaces() {
        String text = "鈴木様\r\nお世話に\rなっております。\r\r\n\u00a0\u00a0\n見積書を\u00a0お送りします。\r\n--\r\n佐藤";

        assertThat(OpeningLines.of(text)).isEqualTo("鈴木様\nお世話に\nなっております。\n見積書を お送りします。");
    }

    @Test
    void shouldFindTheOwnLinesAfterAnyNumberOfQuotedOnesAndAnOutlookBlockAtTheVeryEnd() {
        String text = "> quoted\r\n".repeat(50_000) + "鈴木様\r\n\r\n差出人: 佐藤\r\n\r\n\r\n送信日時: 2025年4月1日";

        assertThat(OpeningLines.of(text)).isEqualTo("鈴木様");
        assertThat(OpeningLines.of("鈴木様\n差出人: 佐藤\n\n")).as("no Sent line after it").isEqualTo("鈴木様\n差出人: 佐藤");
        assertThat(OpeningLines.of("")).isEmpty();
    }
}
