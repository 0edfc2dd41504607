package com.misdeliveryguard.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.mail.InvalidAddressException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict RFC 5321 mailbox parser that every address passes before it is trusted (RELIABILITY
 * "Address differential"): one canonical form per mailbox, no sender routing, no Unicode look-alikes.
 */
class MailAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"taro.yamada@sakura-denki.co.jp", "k.suzuki+quotes@aoba-shoji.co.jp", "o'brien@example.ie",
        "x_y-z@mail.sub.example.co.jp", "1@example.com", "a@b.cd", "info@xn--wgv71a119e.jp", "a@123.example.com",
        "#$&'*+-/=?^_`{|}~@example.com"})
    void shouldAcceptNormalAddresses(String mailbox) throws InvalidAddressException {
        assertThat(MailAddress.parse(mailbox).toString()).isEqualTo(mailbox);
    }

    @Test
    void shouldLowerCaseTheDomainAndKeepTheLocalPartAsWritten() throws InvalidAddressException {
        MailAddress address = MailAddress.parse("Taro.Yamada@Sakura-Denki.CO.JP");

        assertThat(address.localPart()).isEqualTo("Taro.Yamada");
        assertThat(address.domain()).isEqualTo("sakura-denki.co.jp");
        assertThat(address).isEqualTo(MailAddress.of("Taro.Yamada@sakura-denki.co.jp"))
                .isNotEqualTo(MailAddress.of("taro.yamada@sakura-denki.co.jp"));
        assertThat(address.toSmtpPath()).isEqualTo("<Taro.Yamada@sakura-denki.co.jp>");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a%b@example.com                 | ROUTING
            suzuki%aoba-shoji.co.jp@relay.example.com | ROUTING
            a!b@example.com                 | ROUTING
            relay.example.com!a@example.com | ROUTING
            a@b@example.com                 | ROUTING
            @route:a@example.com            | ROUTING
            @r1.example,@r2.example:a@example.com | ROUTING
            a@[1.2.3.4]                     | DOMAIN_LITERAL
            a@[IPv6:2001:db8::1]            | DOMAIN_LITERAL
            a@1.2.3.4                       | DOMAIN_LITERAL
            '"john smith"@example.com'      | QUOTED
            '"a"@example.com'               | QUOTED
            """)
    void shouldRefuseRoutingLiteralsAndQuotedLocalParts(String mailbox, Problem problem) {
        assertRefused(mailbox, problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "adm\u0131n@example.com",          // dotless ı: upper-cases to I
        "stra\u00dfe@example.de",          // ß: upper-cases to SS
        "\u017fales@example.com",          // long s ſ: upper-cases to S
        "\u212aelvin@example.com",         // Kelvin sign K: lower-cases to k
        "a\uff20example.com",              // fullwidth ＠
        "a@ex\u0430mple.com",              // Cyrillic а in the domain
        "a@\u0440\u0430ypal.com",          // Cyrillic р and а
        "\u5c71\u7530@example.co.jp",      // 山田
        "a@\u4f8b\u3048.jp",               // Unicode IDN instead of its xn-- form
        "a@example.com\u00a0"})            // no-break space
    void shouldRefuseNonAsciiAddresses(String mailbox) {
        assertRefused(mailbox, Problem.NON_ASCII);
    }

    @Test
    void shouldRefuseOverlongParts() {
        String label63 = "a".repeat(63);
        assertThat(MailAddress.of("x".repeat(64) + "@example.com").localPart()).hasSize(64);
        assertThat(MailAddress.of("a@" + label63 + ".com").domain()).startsWith(label63);

        assertRefused("x".repeat(65) + "@example.com", Problem.TOO_LONG);
        assertRefused("a@" + "a".repeat(64) + ".com", Problem.SYNTAX);
        assertRefused("a@" + (label63 + ".").repeat(4) + "com", Problem.TOO_LONG);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "@example.com", "a@", "a", "a@.com", "a@example..com", "a@localhost", "a@com",
        ".a@example.com", "a.@example.com", "a..b@example.com", "a@.example.com", "a@example.com.",
        "a@-example.com", "a@example-.com", "a@ex_ample.com", "a(x)@example.com", "a@example.com(x)",
        "(x)a@example.com", "a b@example.com", " a@example.com", "a@example.com ", "a@exa mple.com",
        "<a@example.com>", "a@example.com>", "a\r\n@example.com", "a@example.com\r\nRSET", "a\u0000@example.com",
        "a\u007f@example.com", "a\t@example.com", "a,b@example.com", "a;b@example.com", "a:b@example.com",
        "a\\b@example.com", "a[b]@example.com"})
    void shouldRefuseMalformedAddressesAsSyntax(String mailbox) {
        assertRefused(mailbox, Problem.SYNTAX);
    }

    @Test
    void shouldExplainRefusalsWhenBuiltFromKnownValues() {
        assertThatThrownBy(() -> MailAddress.of("a%b@example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a%b@example.com").hasCauseInstanceOf(InvalidAddressException.class);
    }

    private static void assertRefused(String mailbox, Problem problem) {
        assertThatThrownBy(() -> MailAddress.parse(mailbox)).isInstanceOfSatisfying(InvalidAddressException.class,
                e -> assertThat(e.problem()).as("problem for [%s]", mailbox).isEqualTo(problem));
    }
}
