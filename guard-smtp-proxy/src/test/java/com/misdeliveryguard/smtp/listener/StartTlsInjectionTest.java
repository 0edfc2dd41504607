package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS command injection (CVE-2011-0411): a man in the middle appends clear-text commands to
 * the client's STARTTLS; a server that keeps its input buffer runs them inside the TLS session.
 * The guard closes the connection when anything follows STARTTLS in the same read, and starts a
 * new session state after the handshake.
 */
class StartTlsInjectionTest {

    private final ListenerFixture guard = new ListenerFixture(s -> s.tls(ListenerFixture.testTls(), false));

    @AfterEach
    void close() throws Exception {
        guard.close();
    }

    @Test
    void shouldDropTheConnectionWhenCommandsArePipelinedAfterStartTls() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            client.write("STARTTLS\r\nRSET\r\nMAIL FROM:<attacker@example.com>\r\n");
            assertThat(client.reply()).startsWith("554 5.5.1");
            assertThat(client.closedByServer(2000)).isTrue();
        }
        assertThat(guard.storedCount()).isZero();
    }

    @Test
    void shouldForgetTheClearTextSessionAfterTheHandshake() throws Exception {
        try (RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("STARTTLS"), "220");
            client.startTls();
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("503 5.5.1 Error: send HELO/EHLO");
            RawSmtpClient.expect(client.command("EHLO client.test"), "250");
            assertThat(client.command("STARTTLS")).startsWith("503");
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx"), "250");
        }
    }
}
