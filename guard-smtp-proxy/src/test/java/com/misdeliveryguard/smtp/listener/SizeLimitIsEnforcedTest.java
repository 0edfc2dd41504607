package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SubEthaSMTP only advertises its size limit, skips the SIZE check when another parameter follows,
 * and dies on a SIZE that does not fit an int. The guard parses SIZE wherever it stands, of any
 * length, and counts the bytes itself; an oversized body is read to its real end (so that nothing
 * in it runs as a command) and refused with 552, and the session goes on.
 */
class SizeLimitIsEnforcedTest {

    private final ListenerFixture guard = new ListenerFixture(s -> s.maxMessageSize(1000));

    @AfterEach
    void close() throws Exception {
        guard.close();
    }

    @Test
    void shouldAdvertiseTheLimit() throws Exception {
        try (RawSmtpClient client = guard.connect()) {
            assertThat(client.command("EHLO client.test")).contains("250-SIZE 1000");
        }
    }

    @Test
    void shouldRefuseADeclaredSizeAboveTheLimitWhateverItsPosition() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com> SIZE=1001")).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<alice@example.com> SIZE=999999 BODY=8BITMIME")).startsWith("552 5.3.4");
            assertThat(client.command("MAIL FROM:<alice@example.com> BODY=8BITMIME SIZE=999999")).startsWith("552 5.3.4");
        }
    }

    @Test
    void shouldRefuseAnAbsurdSizeAndKeepTheSession() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com> SIZE=99999999999999999999999999")).startsWith("552");
            assertThat(client.command("NOOP")).startsWith("250");
            assertThat(client.command("MAIL FROM:<alice@example.com> SIZE=-5")).startsWith("501");
            assertThat(client.command("MAIL FROM:<alice@example.com> SIZE=500")).startsWith("250");
        }
    }

    @Test
    void shouldCountTheBytesWhenTheClientUnderstates() throws Exception {
        String padding = "x".repeat(78) + "\r\n";
        String body = "Subject: big\r\n\r\n" + padding.repeat(20)
                + "RSET\r\nMAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\nsmuggled\r\n";
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com> SIZE=100"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write(body + ".\r\n");
            assertThat(client.reply()).startsWith("552 5.3.4");
            // the lines after the limit were data, not commands: no transaction is open now
            assertThat(client.command("RCPT TO:<victim@example.org>")).startsWith("503");
            assertThat(client.command("NOOP")).startsWith("250");
        }
        assertThat(guard.storedCount()).isZero();
    }

    @Test
    void shouldAcceptAMessageExactlyAtTheLimit() throws Exception {
        String header = "Subject: fits\r\n\r\n";
        String body = header + "y".repeat(1000 - header.length() - 2) + "\r\n";
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.send("alice@example.com", "bob@example.org", body.substring(0, body.length() - 2)))
                    .startsWith("250");
        }
        assertThat(guard.accepted.get(0).size()).isEqualTo(1000);
    }
}
