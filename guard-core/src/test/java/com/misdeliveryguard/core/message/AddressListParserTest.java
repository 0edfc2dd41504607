package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 5322 §3.4 address lists, read leniently but never ambiguously. */
class AddressListParserTest {

    private final Problems problems = new Problems();

    private List<HeaderAddress> parse(String value) {
        return AddressListParser.parse(value, problems, "To header");
    }

    @Test
    void shouldReadNameAddrAndBareAddrSpec() {
        assertThat(parse("Ken Suzuki <k.suzuki@aoba-shoji.co.jp>, sato@aoba-shoji.co.jp")).containsExactly(
                valid("Ken Suzuki", "k.suzuki@aoba-shoji.co.jp"), valid("", "sato@aoba-shoji.co.jp"));
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void shouldKeepCommasAndAnglesInsideQuotedDisplayNames() {
        assertThat(parse("\"Suzuki, Ken <CEO>\" <k.suzuki@aoba-shoji.co.jp>"))
                .containsExactly(valid("Suzuki, Ken <CEO>", "k.suzuki@aoba-shoji.co.jp"));
    }

    @Test
    void shouldUseAnOldStyleCommentAsDisplayName() {
        assertThat(parse("k.suzuki@aoba-shoji.co.jp (Ken Suzuki)"))
                .containsExactly(valid("Ken Suzuki", "k.suzuki@aoba-shoji.co.jp"));
    }

    @Test
    void shouldExpandGroupsAndSkipEmptyOnes() {
        assertThat(parse("Team: a@sakura-denki.co.jp, B <b@sakura-denki.co.jp>;, undisclosed-recipients:;, c@aoba-shoji.co.jp"))
                .extracting(HeaderAddress::rawAddress)
                .containsExactly("a@sakura-denki.co.jp", "b@sakura-denki.co.jp", "c@aoba-shoji.co.jp");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void shouldDecodeEncodedWordsInDisplayNamesEvenInsideQuotes() {
        assertThat(parse("\"=?UTF-8?B?6Z2S6JGJ5ZWG5LqL?=\" <info@aoba-shoji.co.jp>"))
                .containsExactly(valid("青葉商事", "info@aoba-shoji.co.jp"));
    }

    @Test
    void shouldKeepARefusedAddressWithoutParsedForm() {
        assertThat(parse("Router <@relay.example.com:k.suzuki@aoba-shoji.co.jp>")).containsExactly(
                new HeaderAddress("Router", "@relay.example.com:k.suzuki@aoba-shoji.co.jp", Optional.empty()));
    }

    @Test
    void shouldReportTwoAddressesWithoutACommaAndKeepBoth() {
        assertThat(parse("<a@aoba-shoji.co.jp> <b@kaede-bussan.co.jp>")).extracting(HeaderAddress::rawAddress)
                .containsExactly("a@aoba-shoji.co.jp", "b@kaede-bussan.co.jp");
        assertThat(problems.toList()).containsExactly("malformed To header");
    }

    @Test
    void shouldReportUnclosedQuotesCommentsAndBrackets() {
        parse("\"Ken <k@aoba-shoji.co.jp>");
        parse("k@aoba-shoji.co.jp (Ken");
        parse("Ken <k@aoba-shoji.co.jp");

        assertThat(problems.toList()).containsExactly("malformed To header");
        assertThat(parse("Ken <k@aoba-shoji.co.jp")).extracting(HeaderAddress::rawAddress).containsExactly("k@aoba-shoji.co.jp");
    }

    @Test
    void shouldReportAMailboxWithoutAddress() {
        assertThat(parse("Ken Suzuki")).containsExactly(new HeaderAddress("", "Ken Suzuki", Optional.empty()));
        assertThat(problems.toList()).containsExactly("malformed To header");
    }

    @Test
    void shouldReportASourceRouteOutsideBracketsInsteadOfReadingItAsAGroup() {
        parse("@evil.example.com:k.suzuki@aoba-shoji.co.jp");

        assertThat(problems.toList()).containsExactly("malformed To header");
    }

    private static HeaderAddress valid(String displayName, String address) {
        return new HeaderAddress(displayName, address, Optional.of(MailAddress.of(address)));
    }
}
