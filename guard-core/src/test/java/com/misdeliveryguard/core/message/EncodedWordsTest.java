package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 2047 decoding as mail clients need it. */
class EncodedWordsTest {

    private final Problems problems = new Problems();

    private String decode(String text) {
        return EncodedWords.decode(text, problems, "Subject header");
    }

    @Test
    void shouldDecodeBase64AndQWords() {
        assertThat(decode("=?UTF-8?B?6KaL56mN5pu4?=")).isEqualTo("見積書");
        assertThat(decode("=?iso-8859-1?q?Caf=E9_au_lait?=")).isEqualTo("Café au lait");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void shouldDropWhitespaceBetweenAdjacentWordsButKeepItAroundText() {
        assertThat(decode("Re: =?UTF-8?B?6KaL?=  \t=?UTF-8?B?56mN?= =?UTF-8?B?5pu4?= (draft)")).isEqualTo("Re: 見積書 (draft)");
    }

    @Test
    void shouldDecodeIso2022JpShiftJisAndLanguageTaggedCharsets() {
        assertThat(decode("=?ISO-2022-JP?B?GyRCOCtAUT1xGyhC?=")).isEqualTo("見積書");
        assertThat(decode("=?Shift_JIS?B?jKmQz4+R?=")).isEqualTo("見積書");
        assertThat(decode("=?UTF-8*ja?B?6KaL56mN5pu4?=")).isEqualTo("見積書");
    }

    @Test
    void shouldTolerateMissingBase64Padding() {
        assertThat(decode("=?UTF-8?B?44GC?= =?UTF-8?B?44GE44GG?=")).isEqualTo("あいう");
        assertThat(decode("=?UTF-8?B?QQ?=")).isEqualTo("A");
        assertThat(problems.toList()).isEmpty();
    }

    @Test
    void shouldKeepAnUndecodableWordAsWrittenAndReportIt() {
        assertThat(decode("a =?UTF-8?B?!!!!?= b")).isEqualTo("a =?UTF-8?B?!!!!?= b");
        assertThat(problems.toList()).containsExactly("undecodable encoded word in Subject header");
    }

    @Test
    void shouldLeaveTextWithoutEncodedWordsAlone() {
        assertThat(decode("=? not a word ?= 100%")).isEqualTo("=? not a word ?= 100%");
        assertThat(problems.toList()).isEmpty();
    }
}
