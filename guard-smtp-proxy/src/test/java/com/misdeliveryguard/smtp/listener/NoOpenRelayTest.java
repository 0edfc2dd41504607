package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only authenticated users and configured networks may relay; AUTH is offered only over TLS
 * (or loopback when allowed); an authenticated user may use only their own sender addresses.
 */
class NoOpenRelayTest {

    private static final SmtpAuthenticator USERS = (user, password) -> user.equals("alice") && password.equals("s3cret");
    private static final SenderOwnership OWN = (user, sender) -> sender.address()
            .map(a -> a.equals(MailAddress.of(user + "@example.com"))).orElse(false);

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseRcptFromAnUntrustedNetworkWithoutAuth() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.trustedNetworks(List.of(CidrBlock.parse("10.0.0.0/8"))));
                RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("554 5.7.1 Relay access denied");
            assertThat(client.command("DATA")).startsWith("554");
        }
    }

    @Test
    void shouldRelayForATrustedNetwork() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> { });
                RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx"), "250");
        }
    }

    @Test
    void shouldRequireAuthWhenConfiguredEvenFromATrustedNetwork() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.auth(USERS, true, true));
                RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0");
        }
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.auth(USERS, true, true));
                RawSmtpClient client = guard.connect()) {
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            assertThat(client.command("AUTH PLAIN " + plain("alice", "wrong"))).startsWith("535");
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("530");
            assertThat(client.command("AUTH PLAIN " + plain("alice", "s3cret"))).startsWith("235");
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx"), "250");
            assertThat(guard.accepted.get(0).envelope().authenticatedUser()).contains("alice");
        }
    }

    @Test
    void shouldNotOfferAuthWithoutTlsUnlessAllowedForLoopback() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.auth(USERS, true, false));
                RawSmtpClient client = guard.connect()) {
            assertThat(client.command("EHLO client.test")).doesNotContain("AUTH");
            assertThat(client.command("AUTH PLAIN " + plain("alice", "s3cret"))).startsWith("538 5.7.11");
        }
    }

    @Test
    void shouldOfferAuthAfterStartTls() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.auth(USERS, true, false)
                .tls(ListenerFixture.testTls(), true));
                RawSmtpClient client = guard.connect()) {
            assertThat(client.command("EHLO client.test")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("530 5.7.0 Must issue a STARTTLS");
            RawSmtpClient.expect(client.command("STARTTLS"), "220");
            client.startTls();
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(client.command("AUTH PLAIN " + plain("alice", "s3cret"))).startsWith("235");
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx"), "250");
            assertThat(guard.accepted.get(0).envelope().tls()).isTrue();
        }
    }

    @Test
    void shouldEnforceSenderOwnership() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.auth(USERS, true, true).senderOwnership(OWN));
                RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("AUTH PLAIN " + plain("alice", "s3cret")), "235");
            assertThat(client.command("MAIL FROM:<ceo@example.com>")).startsWith("553 5.7.1");
            assertThat(client.command("MAIL FROM:<>")).startsWith("553 5.7.1");
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("250");
        }
    }
}
