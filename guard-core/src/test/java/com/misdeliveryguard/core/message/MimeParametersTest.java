package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Content-Type and Content-Disposition parameters, RFC 2045 and RFC 2231. */
class MimeParametersTest {

    private final Problems problems = new Problems();

    private MimeParameters parse(String value) {
        return MimeParameters.parse(value, problems, "Content-Disposition header");
    }

    @Test
    void shouldReadTheValueInLowerCaseAndQuotedOrTokenParameters() {
        MimeParameters parameters = parse("Attachment; FileName=\"a \\\"quoted\\\" name.pdf\"; size=123");

        assertThat(parameters.value()).isEqualTo("attachment");
        assertThat(parameters.get("filename")).contains("a \"quoted\" name.pdf");
        assertThat(parameters.get("SIZE")).contains("123");
        assertThat(parameters.isExtended("filename")).isFalse();
    }

    @Test
    void shouldDecodeAnRfc2231ValueWithCharsetAndLanguage() {
        MimeParameters parameters = parse("attachment; filename*=UTF-8'ja'%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf");

        assertThat(parameters.get("filename")).contains("見積書.pdf");
        assertThat(parameters.isExtended("filename")).isTrue();
    }

    @Test
    void shouldJoinRfc2231ContinuationsInIndexOrderMixingEncodedAndPlainSections() {
        MimeParameters parameters = parse("attachment; filename*1*=%E7%A9%8D; filename*0*=utf-8''%E8%A6%8B;"
                + " filename*2=\"書.pdf\"");

        assertThat(parameters.get("filename")).contains("見積書.pdf");
    }

    @Test
    void shouldPreferTheRfc2231FormOverThePlainOne() {
        MimeParameters parameters = parse("attachment; filename=\"fallback.pdf\"; filename*=utf-8''%E8%A6%8B.pdf");

        assertThat(parameters.get("filename")).contains("見.pdf");
    }

    @Test
    void shouldDecodeRfc2231InIso2022Jp() {
        MimeParameters parameters = parse("attachment; filename*=iso-2022-jp''%1B%24B8%2B%40Q%3Dq%1B%28B.pdf");

        assertThat(parameters.get("filename")).contains("見積書.pdf");
    }

    @Test
    void shouldReportRepeatedParameters() {
        parse("attachment; filename=a.pdf; FILENAME=b.exe");

        assertThat(problems.toList()).containsExactly("duplicate parameter 'filename' in Content-Disposition header");
    }

    @Test
    void shouldReportAnUnknownRfc2231CharsetAndBrokenPercentEncoding() {
        MimeParameters parameters = parse("attachment; filename*=x-unknown''a%ZZb");

        assertThat(parameters.get("filename")).contains("a%ZZb");
        assertThat(problems.toList()).containsExactly("undecodable RFC 2231 parameter in Content-Disposition header",
                "unknown charset 'x-unknown' in Content-Disposition header");
    }

    @Test
    void shouldTolerateBlanksAndMissingValues() {
        MimeParameters parameters = parse("inline ;; foo ; filename = report.pdf ;");

        assertThat(parameters.value()).isEqualTo("inline");
        assertThat(parameters.get("filename")).contains("report.pdf");
        assertThat(parameters.get("foo")).isEmpty();
        assertThat(problems.toList()).isEmpty();
    }
}
