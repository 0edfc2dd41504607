package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * STARTTLS with the certificate from a Spring SSL bundle, {@code require} mode, AUTH against a
 * configured bcrypt hash, and sender ownership from {@code guard.smtp.auth.users[].addresses}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SmtpTlsAndAuthConfigurationTest {

    @TempDir
    static Path data;

    @Autowired
    SmtpListener listener;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("guard.data-dir", () -> data.toString());
        registry.add("guard.smtp.port", () -> 0);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:tlsauth");
        registry.add("spring.ssl.bundle.jks.smtp.keystore.location", () -> "classpath:tls/guard-test.p12");
        registry.add("spring.ssl.bundle.jks.smtp.keystore.password", () -> "changeit");
        registry.add("spring.ssl.bundle.jks.smtp.keystore.type", () -> "PKCS12");
        registry.add("guard.smtp.tls.bundle", () -> "smtp");
        registry.add("guard.smtp.tls.require", () -> "true");
        registry.add("guard.smtp.auth.required", () -> "true");
        registry.add("guard.smtp.auth.users[0].name", () -> "tanaka");
        registry.add("guard.smtp.auth.users[0].password-hash", () -> new BCryptPasswordEncoder().encode("kagi-2026"));
        registry.add("guard.smtp.auth.users[0].addresses[0]", () -> "tanaka@example.co.jp");
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRequireTlsThenAuthenticateWithTheBcryptHashAndEnforceOwnership() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            assertThat(client.command("EHLO client.test")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(client.command("MAIL FROM:<tanaka@example.co.jp>")).startsWith("530 5.7.0 Must issue a STARTTLS");
            RawSmtpClient.expect(client.command("STARTTLS"), "220");
            client.startTls();
            assertThat(client.command("EHLO client.test")).contains("AUTH PLAIN LOGIN");
            assertThat(client.command("MAIL FROM:<tanaka@example.co.jp>")).startsWith("530 5.7.0 Authentication required");
            assertThat(client.command("AUTH PLAIN " + plain("tanaka", "wrong"))).startsWith("535");
            assertThat(client.command("AUTH PLAIN " + plain("nobody", "kagi-2026"))).startsWith("535");
            assertThat(client.command("AUTH PLAIN " + plain("tanaka", "kagi-2026"))).startsWith("235");
            assertThat(client.command("MAIL FROM:<suzuki@example.co.jp>")).startsWith("553 5.7.1");
            assertThat(client.command("MAIL FROM:<Tanaka@EXAMPLE.co.jp>")).startsWith("250");
        }
    }
}
