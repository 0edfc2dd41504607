package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressHeaderRewriterTest {

    private static final String BODY = "\r\nあおば商事 田中様\r\nTo: not-a-header@aoba-shoji.com\r\n";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void replacesOnlyTheAddrSpecKeepingTheEncodedDisplayNameAndEveryOtherByte() {
        String head = "From: =?UTF-8?B?5bGx55Sw?= <yamada@example.co.jp>\r\n"
                + "To: =?UTF-8?B?55Sw5LitIOS4gOmDjg==?= <tanaka@aoba-shoji.com>,\r\n suzuki@midori-bank.co.jp\r\n"
                + "Subject: =?UTF-8?B?6KaL56mN?=\r\n"
                + "Cc: \"Kato, Jiro\" <kato@example.co.jp>\r\n";
        MailAddress wrong = MailAddress.of("tanaka@aoba-shoji.com");
        MailAddress right = MailAddress.of("tanaka.ichiro@aoba-shoji.co.jp");

        byte[] out = AddressHeaderRewriter.rewrite(bytes(head + BODY),
                a -> Optional.of(a.equals(wrong) ? right : a));

        assertThat(text(out)).isEqualTo("From: =?UTF-8?B?5bGx55Sw?= <yamada@example.co.jp>\r\n"
                + "To: =?UTF-8?B?55Sw5LitIOS4gOmDjg==?= <tanaka.ichiro@aoba-shoji.co.jp>,\r\n suzuki@midori-bank.co.jp\r\n"
                + "Subject: =?UTF-8?B?6KaL56mN?=\r\n"
                + "Cc: \"Kato, Jiro\" <kato@example.co.jp>\r\n" + BODY);
    }

    @Test
    void theStreamingFormRewritesTheHeaderAndPassesALargeBodyThroughUntouched() throws Exception {
        String head = "To: kato@example.co.jp, suzuki@midori-bank.co.jp\r\nCc: kondo@hikari-denki.co.jp\r\n";
        String body = "\r\n" + "To: not-a-header@midori-bank.co.jp\r\n".repeat(50_000);
        java.util.function.Function<MailAddress, Optional<MailAddress>> internalOnly =
                a -> a.domain().equals("example.co.jp") ? Optional.of(a) : Optional.empty();

        byte[] streamed;
        try (var in = AddressHeaderRewriter.rewriting(new java.io.ByteArrayInputStream(bytes(head + body)),
                internalOnly)) {
            streamed = in.readAllBytes();
        }

        assertThat(text(streamed)).isEqualTo("To: kato@example.co.jp\r\n" + body);
        assertThat(streamed).isEqualTo(AddressHeaderRewriter.rewrite(bytes(head + body), internalOnly));
    }

    @Test
    void theStreamingFormRefusesAHeaderSectionWithoutEnd() {
        byte[] endless = bytes("X-Long: " + "a".repeat(AddressHeaderRewriter.MAX_HEADER_BYTES + 10));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AddressHeaderRewriter.rewriting(
                new java.io.ByteArrayInputStream(endless), Optional::of)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("header section is longer");
    }

    @Test
    void leavesOutExternalAddressesAndDropsAnEmptyCc() {
        String head = "To: =?UTF-8?B?55Sw5Lit?= <tanaka@aoba-shoji.co.jp>, suzuki@midori-bank.co.jp\r\n"
                + "Cc: kondo@hikari-denki.co.jp\r\n"
                + "X-Other: kept\r\n";
        Set<String> external = Set.of("aoba-shoji.co.jp", "midori-bank.co.jp", "hikari-denki.co.jp");

        byte[] out = AddressHeaderRewriter.rewrite(bytes(head + BODY),
                a -> external.contains(a.domain()) ? Optional.empty() : Optional.of(a));

        assertThat(text(out)).isEqualTo("To: undisclosed-recipients:;\r\nX-Other: kept\r\n" + BODY);
    }

    @Test
    void keepsInternalAddressesWhenExternalOnesLeave() {
        String head = "To: kato@example.co.jp, =?ISO-2022-JP?B?GyRCRURDZhsoQg==?= <tanaka@aoba-shoji.co.jp>\r\n"
                + "Cc: suzuki@midori-bank.co.jp, \"Yamada\" <yamada@example.co.jp>\r\n";

        byte[] out = AddressHeaderRewriter.rewrite(bytes(head + BODY),
                a -> a.domain().equals("example.co.jp") ? Optional.of(a) : Optional.empty());

        assertThat(text(out)).isEqualTo("To: kato@example.co.jp\r\nCc: \"Yamada\" <yamada@example.co.jp>\r\n" + BODY);
    }

    @Test
    void returnsTheSameBytesWhenNothingChanges() {
        byte[] in = bytes("To: a@b.example,\r\n\t(c) <c@d.example>\r\nSubject: x\r\n" + BODY);

        assertThat(AddressHeaderRewriter.rewrite(in, Optional::of)).isEqualTo(in);
    }

    @Test
    void neverTouchesTheBody() {
        byte[] in = bytes("Subject: x\r\n" + BODY);

        assertThat(AddressHeaderRewriter.rewrite(in, a -> Optional.empty())).isEqualTo(in);
    }
}
