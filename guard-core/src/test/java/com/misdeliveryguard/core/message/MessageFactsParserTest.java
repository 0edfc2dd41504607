package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The facts of realistic business mail, English and Japanese, as clients really write it. */
class MessageFactsParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"en-quotation.eml", "en-html-only.eml", "ja-iso2022jp.eml", "ja-shiftjis.eml",
            "ja-utf8-base64-reply.eml", "ja-outlook-reply.eml", "groups.eml", "raw-utf8-headers.eml",
            "attachment-names.eml", "forwarded.eml"})
    void shouldReportNoProblemForWellFormedMail(String message) {
        assertThat(Eml.parse(Eml.resource(message)).problems()).isEmpty();
    }

    @Test
    void shouldReadTheFactsOfAnEnglishBusinessMail() {
        MessageFacts facts = Eml.parse(Eml.resource("en-quotation.eml"), "k.suzuki@aoba-shoji.co.jp");

        assertThat(facts.from()).contains(mailbox("Emily Carter", "emily.carter@northwind-trading.com"));
        assertThat(facts.to()).containsExactly(mailbox("Suzuki, Ken", "k.suzuki@aoba-shoji.co.jp"));
        assertThat(facts.cc()).containsExactly(mailbox("Mark Lee", "mark.lee@northwind-trading.com"),
                mailbox("", "orders@northwind-trading.com"));
        assertThat(facts.subject()).isEqualTo("Quotation for LX-200 sensors (40 units)");
        assertThat(facts.attachmentNames()).containsExactly("Quotation_Aoba_Shoji_LX-200.pdf");
        assertThat(facts.messageId()).contains("20250401093012.4F2A1C@mail.northwind-trading.com");
        assertThat(facts.wellFormed()).isTrue();
    }

    @Test
    void shouldTakeOpeningLinesFromTheTextPartDecodedFromQuotedPrintableWithoutTheSignature() {
        MessageFacts facts = Eml.parse(Eml.resource("en-quotation.eml"));

        assertThat(facts.openingLines()).startsWith("Dear Mr. Suzuki,\nThank you for your inquiry")
                .contains("shipping to Yokohama is included.")
                .endsWith("Best regards,")
                .doesNotContain("Emily Carter", "Tel:");
    }

    @Test
    void shouldDecodeIso2022JpDisplayNames() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-iso2022jp.eml"));

        assertThat(facts.from()).contains(mailbox("山田 太郎", "t.yamada@sakura-denki.co.jp"));
        assertThat(facts.to()).containsExactly(mailbox("株式会社青葉商事 鈴木 健 様", "k.suzuki@aoba-shoji.co.jp"));
    }

    @Test
    void shouldDecodeNecSpecialCharactersThatWindowsWritesIntoIso2022Jp() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-iso2022jp.eml"));

        assertThat(facts.cc()).extracting(HeaderAddress::displayName).containsExactly("㈱青葉商事 佐藤");
        assertThat(facts.subject()).isEqualTo("【お見積り】制御盤①型のお見積りの件");
    }

    @Test
    void shouldDecodeAnIso2022JpBodyAndCutTheRuledSignature() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-iso2022jp.eml"));

        assertThat(facts.openingLines().lines()).startsWith("株式会社青葉商事", "営業部　鈴木 健 様",
                "いつも大変お世話になっております。").contains("先日ご依頼いただきました制御盤①型のお見積りにつきまして、")
                .endsWith("何卒よろしくお願い申し上げます。");
        assertThat(facts.openingLines()).doesNotContain("TEL", "━");
    }

    @Test
    void shouldDecodeShiftJisSubjectAndBody() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-shiftjis.eml"));

        assertThat(facts.from()).contains(mailbox("田中 一郎", "i.tanaka@sakura-denki.co.jp"));
        assertThat(facts.subject()).isEqualTo("見積書送付のご案内（かえで物産様）");
        assertThat(facts.openingLines().lines()).containsExactly("株式会社かえで物産", "購買部 佐藤 花子 様",
                "お世話になっております。㈱さくら電機の田中です。", "ご依頼の見積書を添付いたしました。",
                "ご査収のほど、よろしくお願いいたします。");
    }

    @Test
    void shouldDecodeAnRfc2231FileNameWrittenInIso2022JpByOutlook() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-shiftjis.eml"));

        assertThat(facts.attachmentNames()).containsExactly("見積書_かえで物産様_2025年4月.xlsx");
    }

    @Test
    void shouldDecodeUtf8Base64BodyAndThreadIds() {
        MessageFacts facts = Eml.parse(Eml.resource("ja-utf8-base64-reply.eml"));

        assertThat(facts.subject()).isEqualTo("Re: 納期変更のお願い");
        assertThat(facts.to()).containsExactly(mailbox("佐藤 花子", "h.sato@kaede-bussan.co.jp"));
        assertThat(facts.messageId()).contains("CAH8mQ4c+9xYz@mail.gmail.com");
        assertThat(facts.inReplyTo()).containsExactly("CAF2x9kB7-QwE3r@mail.gmail.com");
        assertThat(facts.references()).containsExactly("CAF2x9kA1=ZzY8q@mail.gmail.com", "CAF2x9kB7-QwE3r@mail.gmail.com");
        assertThat(facts.openingLines().lines()).startsWith("楓物産株式会社", "佐藤 様")
                .contains("納期の件、承知いたしました。4月10日までに出荷いたします。");
    }

    @Test
    void shouldLeaveAQuotedReplyNamingAnotherCompanyOutOfTheOpeningLines() {
        MessageFacts gmail = Eml.parse(Eml.resource("ja-utf8-base64-reply.eml"));
        MessageFacts outlook = Eml.parse(Eml.resource("ja-outlook-reply.eml"));

        assertThat(gmail.openingLines()).endsWith("引き続きよろしくお願いいたします。")
                .doesNotContain("青葉商事", "2025年4月1日", "さくら電機株式会社");
        assertThat(outlook.openingLines().lines()).containsExactly("青葉商事", "鈴木様", "承知しました。来週火曜日に伺います。");
        assertThat(outlook.openingLines()).doesNotContain("かえで物産", "Original Message");
    }

    @Test
    void shouldReadRawUtf8Headers() {
        MessageFacts facts = Eml.parse(Eml.resource("raw-utf8-headers.eml"));

        assertThat(facts.from()).contains(mailbox("山田 太郎", "t.yamada@sakura-denki.co.jp"));
        assertThat(facts.to()).containsExactly(mailbox("鈴木 健（青葉商事）", "k.suzuki@aoba-shoji.co.jp"));
        assertThat(facts.subject()).isEqualTo("来週のお打合せについて");
        assertThat(facts.openingLines()).isEqualTo("鈴木様\n来週のお打合せの件でご連絡いたしました。");
    }

    @Test
    void shouldExpandGroupsAndIgnoreEmptyOnes() {
        MessageFacts facts = Eml.parse(Eml.resource("groups.eml"));

        assertThat(facts.to()).containsExactly(mailbox("Tanaka, Ichiro", "i.tanaka@sakura-denki.co.jp"),
                mailbox("", "t.yamada@sakura-denki.co.jp"));
        assertThat(facts.cc()).extracting(HeaderAddress::displayName, HeaderAddress::rawAddress)
                .containsExactly(Tuple.tuple("鈴木 健", "K.Suzuki@Aoba-Shoji.co.jp"));
        assertThat(facts.wellFormed()).isTrue();
    }

    @Test
    void shouldTreatEnvelopeRecipientsMissingFromToAndCcAsBcc() {
        MessageFacts facts = Eml.parse(Eml.resource("groups.eml"), "i.tanaka@sakura-denki.co.jp",
                "k.suzuki@aoba-shoji.co.jp", "auditor@sakura-denki.co.jp", "t.yamada@sakura-denki.co.jp",
                "kimura@contoso.com");

        assertThat(facts.bcc()).containsExactly(MailAddress.of("auditor@sakura-denki.co.jp"),
                MailAddress.of("kimura@contoso.com"));
    }

    @Test
    void shouldCompareLocalPartAndDomainWithoutCaseWhenComputingBcc() {
        MessageFacts facts = Eml.parse(Eml.resource("groups.eml"), "k.suzuki@aoba-shoji.co.jp", "I.TANAKA@SAKURA-DENKI.CO.JP");

        assertThat(facts.bcc()).isEmpty();
    }

    @Test
    void shouldNotLetAHeaderAddressThatFailsTheStrictParserHideABccRecipient() {
        byte[] message = Eml.text("""
                From: a@sakura-denki.co.jp
                To: "kimura"@contoso.com
                Subject: x

                hi
                """);

        assertThat(Eml.parse(message, "kimura@contoso.com").bcc()).containsExactly(MailAddress.of("kimura@contoso.com"));
    }

    @Test
    void shouldRenderHtmlOnlyMailToTextWithoutQuotesScriptsOrSignature() {
        MessageFacts facts = Eml.parse(Eml.resource("en-html-only.eml"));

        assertThat(facts.openingLines().lines()).containsExactly("Dear Ms. Kobayashi,",
                "Thank you for meeting us on Friday & for the tour of the Osaka plant.",
                "As promised, our revised proposal follows next week.", "Kind regards,");
    }

    @Test
    void shouldReadRfc2231AndEncodedWordFileNames() {
        MessageFacts facts = Eml.parse(Eml.resource("attachment-names.eml"));

        assertThat(facts.attachmentNames()).containsExactly("請求書_青葉商事.pdf",
                "Contract_between_Sakura_Denki_and_Kaede_Bussan_2025.docx", "納品書_楓物産.pdf", "議事録.txt");
    }

    @Test
    void shouldNotCountAnInlineImageOfTheHtmlAsAttachmentNorAnAttachedTextAsBody() {
        MessageFacts facts = Eml.parse(Eml.resource("attachment-names.eml"));

        assertThat(facts.attachmentNames()).doesNotContain("logo.png");
        assertThat(facts.openingLines()).isEqualTo("Please see the documents.");
    }

    @Test
    void shouldListAttachmentsOfAForwardedMessageButNotTakeItsTextOrHeaders() {
        MessageFacts facts = Eml.parse(Eml.resource("forwarded.eml"));

        assertThat(facts.attachmentNames()).containsExactly("original.eml", "contract-draft.pdf");
        assertThat(facts.openingLines()).isEqualTo("田中さん\n青葉商事からのメールを転送します。");
        assertThat(facts.from()).map(HeaderAddress::rawAddress).contains("t.yamada@sakura-denki.co.jp");
        assertThat(facts.to()).extracting(HeaderAddress::rawAddress).containsExactly("i.tanaka@sakura-denki.co.jp");
        assertThat(facts.messageId()).contains("fwd-1@sakura-denki.co.jp");
    }

    @Test
    void shouldKeepRawAddressAndDisplayNameWhenTheStrictParserRefusesTheAddress() {
        byte[] message = Eml.text("""
                From: Taro <taro@sakura-denki.co.jp>
                To: =?UTF-8?B?6Z2S6JGJ5ZWG5LqL?= <suzuki%aoba-shoji.co.jp@relay.example.com>,
                 Kimura <kimura@contoso>, "john smith"@example.com
                Subject: x

                hi
                """);

        MessageFacts facts = Eml.parse(message);

        assertThat(facts.to()).containsExactly(
                new HeaderAddress("青葉商事", "suzuki%aoba-shoji.co.jp@relay.example.com", Optional.empty()),
                new HeaderAddress("Kimura", "kimura@contoso", Optional.empty()),
                new HeaderAddress("", "\"john smith\"@example.com", Optional.empty()));
        assertThat(facts.problems()).isEmpty();
    }

    @Test
    void shouldTakeTheFirstMailboxOfFrom() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: Taro <taro@sakura-denki.co.jp>, Hanako <hanako@sakura-denki.co.jp>
                Sender: Taro <taro@sakura-denki.co.jp>
                To: b@aoba-shoji.co.jp

                hi
                """));

        assertThat(facts.from()).contains(mailbox("Taro", "taro@sakura-denki.co.jp"));
    }

    @Test
    void shouldDecodeAMultibyteCharacterSplitAcrossTwoEncodedWords() {
        // "請求" in UTF-8 is E8 AB 8B E6 B1 82; the first word ends inside the second character
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                Subject: =?UTF-8?Q?=E8=AB=8B=E6?=
                 =?UTF-8?Q?=B1=82=E6=9B=B8?=

                hi
                """));

        assertThat(facts.subject()).isEqualTo("請求書");
        assertThat(facts.problems()).isEmpty();
    }

    @Test
    void shouldFallBackToTheHtmlPartWhenTheTextPartIsEmpty() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8


                --alt
                Content-Type: text/html; charset=utf-8

                <p>鈴木様</p><p>お世話になっております。</p>
                --alt--
                """));

        assertThat(facts.openingLines()).isEqualTo("鈴木様\nお世話になっております。");
    }

    @Test
    void shouldStripBidiOverridesFromDisplayNamesAndFileNamesAndReportThem() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: "Suzuki \u202Eoihs-aoba\u202C" <k.suzuki@aoba-shoji.co.jp>
                Subject: invoice
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain

                see attached
                --m
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="invoice\u2066\u202Efdp.exe\u2069"

                MZ
                --m--
                """));

        assertThat(facts.to()).extracting(HeaderAddress::displayName).containsExactly("Suzuki oihs-aoba");
        assertThat(facts.attachmentNames()).containsExactly("invoicefdp.exe");
        assertThat(facts.problems()).containsExactlyInAnyOrder("bidi control characters in To header",
                "bidi control characters in attachment file name");
    }

    @Test
    void shouldNeverLetADecodedLineBreakIntoADisplayNameOrSubject() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: =?UTF-8?Q?Taro=0D=0ABcc:_x@evil.example?= <taro@sakura-denki.co.jp>
                To: b@aoba-shoji.co.jp
                Subject: =?UTF-8?Q?hello=0Aworld?=

                hi
                """));

        assertThat(facts.from().orElseThrow().displayName()).doesNotContain("\r", "\n");
        assertThat(facts.subject()).isEqualTo("hello world");
    }

    @Test
    void shouldReportDuplicateFromToCcAndSubjectAndKeepEveryVisibleRecipient() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                From: ceo@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                To: c@kaede-bussan.co.jp
                Cc: d@aoba-shoji.co.jp
                Cc: e@aoba-shoji.co.jp
                Subject: one
                Subject: two

                hi
                """));

        assertThat(facts.problems()).containsExactly("duplicate From header", "duplicate To header",
                "duplicate Cc header", "duplicate Subject header");
        assertThat(facts.from()).map(HeaderAddress::rawAddress).contains("a@sakura-denki.co.jp");
        assertThat(facts.to()).extracting(HeaderAddress::rawAddress).containsExactly("b@aoba-shoji.co.jp", "c@kaede-bussan.co.jp");
        assertThat(facts.cc()).hasSize(2);
        assertThat(facts.subject()).isEqualTo("one");
    }

    @Test
    void shouldReportAMessageWithoutFrom() {
        MessageFacts facts = Eml.parse(Eml.text("To: b@aoba-shoji.co.jp\nSubject: x\n\nhi\n"));

        assertThat(facts.from()).isEmpty();
        assertThat(facts.problems()).containsExactly("no From header");
    }

    @Test
    void shouldReportAFromHeaderWithoutAMailbox() {
        MessageFacts facts = Eml.parse(Eml.text("From: undisclosed-senders:;\nTo: b@aoba-shoji.co.jp\n\nhi\n"));

        assertThat(facts.from()).isEmpty();
        assertThat(facts.problems()).containsExactly("unreadable From header");
    }

    @Test
    void shouldGiveEmptyFactsForAnEmptyMessage() {
        MessageFacts facts = Eml.parse(new byte[0], "b@aoba-shoji.co.jp");

        assertThat(facts.subject()).isEmpty();
        assertThat(facts.to()).isEmpty();
        assertThat(facts.bcc()).containsExactly(MailAddress.of("b@aoba-shoji.co.jp"));
        assertThat(facts.openingLines()).isEmpty();
        assertThat(facts.problems()).containsExactly("no From header");
    }

    @Test
    void shouldAcceptAnEmptyListOfEnvelopeRecipients() {
        assertThat(Eml.parse(Eml.resource("groups.eml")).bcc()).isEqualTo(List.of());
    }

    @Test
    void shouldReadThreadIdsWrittenWithCommentsOrWithoutBrackets() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                Message-ID: plain-id@sakura-denki.co.jp
                In-Reply-To: <orig-1@aoba-shoji.co.jp> (Ken Suzuki's message of Tue, 1 Apr 2025)
                References: <r1@aoba-shoji.co.jp>
                 <r2@aoba-shoji.co.jp>,<r3@aoba-shoji.co.jp>

                hi
                """));

        assertThat(facts.messageId()).contains("plain-id@sakura-denki.co.jp");
        assertThat(facts.inReplyTo()).containsExactly("orig-1@aoba-shoji.co.jp");
        assertThat(facts.references()).containsExactly("r1@aoba-shoji.co.jp", "r2@aoba-shoji.co.jp", "r3@aoba-shoji.co.jp");
    }

    @Test
    void shouldCountANamedInlinePartAsAttachmentAsAppleMailSendsThem() {
        MessageFacts facts = Eml.parse(Eml.text("""
                From: a@sakura-denki.co.jp
                To: b@aoba-shoji.co.jp
                Content-Type: multipart/mixed; boundary="Apple-Mail=_5F3C"

                --Apple-Mail=_5F3C
                Content-Type: text/plain; charset=us-ascii

                Dear Mr. Suzuki,
                --Apple-Mail=_5F3C
                Content-Type: application/pdf; name="Aoba_Shoji_invoice.pdf"
                Content-Disposition: inline; filename="Aoba_Shoji_invoice.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --Apple-Mail=_5F3C--
                """));

        assertThat(facts.attachmentNames()).containsExactly("Aoba_Shoji_invoice.pdf");
        assertThat(facts.problems()).isEmpty();
    }

    @Test
    void shouldReadTheTextOfAMessageOnlyAsFarAsItsOpeningLinesAndStillEveryPart() throws Exception {
        String head = "From: Ken Suzuki <k.suzuki@aoba-shoji.co.jp>\r\nTo: s.sato@contoso.co.jp\r\nSubject: report\r\n"
                + "MIME-Version: 1.0\r\n";
        String lines = "Dear Ms. Sato,\r\n" + ("x".repeat(76) + "\r\n").repeat(13_000);
        byte[] onePart = (head + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + lines)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] multipart = (head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\n" + lines + "--b\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename=report.pdf\r\n\r\nJVBERi0=\r\n--b--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MessageFactsParser parser = new MessageFactsParser(MessageFactsParser.Limits.defaults());
        CountingInputStream one = new CountingInputStream(new ByteArrayInputStream(onePart));
        CountingInputStream many = new CountingInputStream(new ByteArrayInputStream(multipart));

        MessageFacts ofOne = parser.parse(one, List.of(MailAddress.of("s.sato@contoso.co.jp")));
        MessageFacts ofMany = parser.parse(many, List.of(MailAddress.of("s.sato@contoso.co.jp")));

        assertThat(ofOne.openingLines()).startsWith("Dear Ms. Sato,\nxxx").isEqualTo(ofMany.openingLines());
        assertThat(ofOne.problems()).isEmpty();
        assertThat(one.count).as("bytes read of %s", onePart.length).isLessThan(64 * 1024);
        assertThat(ofMany.attachmentNames()).containsExactly("report.pdf");
        assertThat(ofMany.problems()).isEmpty();
        assertThat(many.count).isEqualTo(multipart.length);
    }

    /** Counts the bytes read through it. */
    private static final class CountingInputStream extends java.io.FilterInputStream {

        long count;

        CountingInputStream(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void shouldRefuseLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> new MessageFactsParser.Limits(1000, 65536, 16384, 0, 1000, 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HeaderAddress mailbox(String displayName, String address) {
        return new HeaderAddress(displayName, address, Optional.of(MailAddress.of(address)));
    }
}
