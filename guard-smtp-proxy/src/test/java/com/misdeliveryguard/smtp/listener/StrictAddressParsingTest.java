package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SubEthaSMTP passes RCPT arguments through unchecked; the guard parses MAIL and RCPT with one
 * strict RFC 5321 parser. Each odd form gets a clear reply and nothing reaches the envelope; what
 * is accepted is stored in canonical form.
 */
class StrictAddressParsingTest {

    private final ListenerFixture guard = new ListenerFixture(s -> { });

    @AfterEach
    void close() throws Exception {
        guard.close();
    }

    @ParameterizedTest(name = "RCPT TO:{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<<bob@example.org>>|501 5.1.3",
        "<@relay.example.net:bob@example.org>|553 5.1.3 Sender routing",
        "<bob%example.org@relay.example.net>|553 5.1.3 Sender routing",
        "<relay.example.net!bob@example.org>|553 5.1.3 Sender routing",
        "<bob@example.org@relay.example.net>|553 5.1.3 Sender routing",
        "<bob@[192.0.2.1]>|553 5.1.3 Domain literals",
        "<\"bob smith\"@example.org>|501 5.1.3",
        "<\"bob\"@example.org>|553 5.1.3 Quoted",
        "<bob(comment)@example.org>|501 5.1.3",
        "<bob@example.org|501 5.1.3",
        "bob@example.org|501 5.1.3",
        "<bob@example.org> NOTIFY=NEVER|555 5.5.4",
        "<bob@example.org>junk|501 5.5.4",
        "<>|501 5.1.3",
        "<bob@localhost>|501 5.1.3",
        "<bob..smith@example.org>|501 5.1.3",
        "<bob@-example.org>|501 5.1.3",
        "<bob@example.123>|553 5.1.3"
    })
    void shouldRefuseOddRecipientForms(String path, String expected) throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            assertThat(client.command("RCPT TO:" + path)).startsWith(expected);
            assertThat(client.command("DATA")).startsWith("554 5.5.1");
        }
        assertThat(guard.storedCount()).isZero();
    }

    @ParameterizedTest(name = "non-ASCII RCPT {0}")
    @CsvSource({"ıbob@example.org", "stra\u00dfe@example.org", "\u017fbob@example.org", "\u212aelvin@example.org",
        "bob\uff20example.org", "bob@\u0430pple.com", "bob@b\u00fccher.example"})
    void shouldRefuseNonAsciiAddressesWithoutSmtputf8(String address) throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            client.write(("RCPT TO:<" + address + ">\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(client.reply()).startsWith("553 5.6.7");
        }
    }

    @Test
    void shouldRefuseSmtputf8AndUnknownMailParameters() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com> SMTPUTF8")).startsWith("555 5.5.4");
            assertThat(client.command("MAIL FROM:<alice@example.com> RET=HDRS")).startsWith("555 5.5.4");
            assertThat(client.command("MAIL FROM:<alice@example.com> BODY=BINARYMIME")).startsWith("555 5.5.4");
            assertThat(client.command("MAIL FROM:alice@example.com")).startsWith("501");
        }
    }

    @Test
    void shouldStoreCanonicalAddressesAndTheNullSender() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<Bob.Smith@EXAMPLE.Org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO: <carol@xn--r8jz45g.example>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob.smith@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: x\r\n\r\nx\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
        var envelope = guard.accepted.get(0).envelope();
        assertThat(envelope.sender().isNull()).isTrue();
        assertThat(envelope.recipients()).extracting(Object::toString)
                .containsExactly("Bob.Smith@example.org", "carol@xn--r8jz45g.example", "bob.smith@example.org");
    }

    @Test
    void shouldCapRecipientsWith452() throws Exception {
        try (ListenerFixture capped = new ListenerFixture(s -> s.maxRecipients(3));
                RawSmtpClient client = capped.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            for (int i = 1; i <= 3; i++) {
                RawSmtpClient.expect(client.command("RCPT TO:<r" + i + "@example.org>"), "250");
            }
            assertThat(client.command("RCPT TO:<r4@example.org>")).startsWith("452 4.5.3");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: x\r\n\r\nx\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
            assertThat(capped.accepted.get(0).envelope().recipients()).hasSize(3);
        }
    }

    @Test
    void shouldRequireHeloBeforeMail() throws Exception {
        try (RawSmtpClient client = guard.connect()) {
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("503 5.5.1");
        }
    }
}
