package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP smuggling (SEC Consult, 2023): a message whose body holds a non-standard end-of-data
 * sequence followed by a second transaction. A server that ends DATA on that sequence runs the
 * second transaction as if the client had sent it. The guard ends DATA only on CRLF.CRLF and refuses
 * bare CR, bare LF and NUL, so for every variant at most one message is accepted and the smuggled
 * one never is.
 */
class SmtpSmugglingIsImpossibleTest {

    private final ListenerFixture guard = new ListenerFixture(s -> { });

    @AfterEach
    void close() throws Exception {
        guard.close();
    }

    @ParameterizedTest(name = "end-of-data variant {0}")
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\n", "\\r.\\r\\n", "\\r\\n.\\r",
            "\\r\\n\\u0000.\\r\\n", "\\n\\n.\\n\\n", "\\r\\n.\\u0000\\r\\n"})
    void shouldNeverAcceptTheSmuggledSecondMessage(String escaped) throws Exception {
        String variant = escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: first\r\n\r\nhello" + variant
                    + "MAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nwire the money\r\n.\r\n");
            String reply = client.reply();
            assertThat(reply).startsWith("554 5.5.2");
            assertThat(client.closedByServer(2000)).isTrue();
        }
        assertThat(guard.accepted).isEmpty();
        assertThat(guard.storedCount()).isZero();
    }

    @Test
    void shouldKeepAnEmbeddedTransactionInsideTheBodyOfAWellFormedMessage() throws Exception {
        String body = "Subject: quoting\r\n\r\nMAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@example.org>\r\n"
                + "DATA\r\n..\r\nstill the body";
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org", body), "250");
            RawSmtpClient.expect(client.command("QUIT"), "221");
        }
        assertThat(guard.accepted).hasSize(1);
        assertThat(new String(guard.stored(guard.accepted.get(0)), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: quoting\r\n\r\nMAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@example.org>\r\n"
                        + "DATA\r\n.\r\nstill the body\r\n");
        assertThat(guard.accepted.get(0).envelope().recipients()).extracting(Object::toString)
                .containsExactly("bob@example.org");
    }

    @Test
    void shouldRefuseBareLineFeedInACommand() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            client.write("MAIL FROM:<alice@example.com>\nRCPT TO:<bob@example.org>\r\n");
            assertThat(client.reply()).startsWith("501");
            assertThat(client.closedByServer(2000)).isTrue();
        }
    }

    @Test
    void shouldRefuseNulInACommand() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com>\u0000 SIZE=1")).startsWith("500 5.5.2");
            assertThat(client.closedByServer(2000)).isTrue();
        }
    }

    @Test
    void shouldRefuseBdatAndCloseSoThatChunkBytesAreNeverCommands() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("EHLO again.test")).doesNotContain("CHUNKING").doesNotContain("SMTPUTF8");
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            client.write("BDAT 40 LAST\r\nRSET\r\nMAIL FROM:<ceo@example.com>\r\nNOOP\r\n");
            assertThat(client.reply()).startsWith("502 5.5.1");
            assertThat(client.closedByServer(2000)).isTrue();
        }
        assertThat(guard.storedCount()).isZero();
    }
}
