package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.testing.Intake;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application, shared by the audit tests (one Spring context): the real SMTP listener,
 * spool and queue, an {@link SmtpSink} upstream that defers {@code later@example.org} and refuses
 * {@code gone@example.org}, a guard that holds messages whose subject contains {@code [hold]}, and
 * two console users: {@code auditor} (AUDITOR) and {@code admin} (ADMIN), password {@value #PASSWORD}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {GuardApplication.class, AuditApplicationTestBase.HoldingGuard.class})
abstract class AuditApplicationTestBase {

    static final String PASSWORD = "correct horse battery staple";
    static final SmtpSink upstream = sink();
    static final Path data = tempDir();

    @Autowired
    SmtpListener listener;

    @Autowired
    Spool spool;

    @Autowired
    JdbcDecisionLog decisionLog;

    @Autowired
    AuditQueries queries;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("guard.data-dir", data::toString);
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.upstream.host", () -> "127.0.0.1");
        registry.add("guard.upstream.port", upstream::port);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:audit-app;DB_CLOSE_DELAY=-1");
        registry.add("guard.audit.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.audit.users[0].name", () -> "auditor");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "AUDITOR");
        registry.add("guard.audit.users[1].name", () -> "admin");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "ADMIN");
    }

    private static SmtpSink sink() {
        try {
            return SmtpSink.start().replyToRecipient("later@example.org", "451 4.3.0 try again later")
                    .replyToRecipient("gone@example.org", "550 5.1.1 no such user");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-audit-app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one message over SMTP and returns its queue id. */
    String send(String from, String rcptHeaderAndEnvelope, String subject, String body, String... moreRecipients)
            throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO audit.test");
            RawSmtpClient.expect(client.command("MAIL FROM:<" + from + ">"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<" + rcptHeaderAndEnvelope + ">"), "250");
            for (String r : moreRecipients) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + r + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("From: " + from + "\r\nTo: Partner <" + rcptHeaderAndEnvelope + ">\r\nSubject: " + encoded(subject)
                    + "\r\nMessage-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@audit.test>\r\n\r\n" + body
                    + "\r\n.\r\n");
            String reply = RawSmtpClient.expect(client.reply(), "250");
            return Intake.settled(spool, reply.substring(reply.lastIndexOf(' ') + 1).strip());
        }
    }

    /** The subject as an RFC 2047 encoded word when it is not ASCII. */
    static String encoded(String subject) {
        if (subject.chars().allMatch(c -> c < 0x7f)) {
            return subject;
        }
        return "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "?=";
    }

    ConsoleClient console() {
        return new ConsoleClient(webPort);
    }

    /**
     * Holds every message whose subject contains {@code [hold]}, with one finding per recipient. A
     * {@code @TestConfiguration}, so that component scanning does not carry it into other tests' contexts.
     */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class HoldingGuard {
        @Bean
        @Primary
        Guard holdingGuard() {
            return (envelope, facts) -> facts.subject().contains("[hold]")
                    ? new Verdict(Action.HOLD, envelope.recipients().stream().map(r -> new Finding("unknown-recipient",
                            Severity.HIGH, Optional.of(r), "宛先がアドレス帳にありません。",
                            "The recipient is not in the directory.", Map.of("closest", "sato@aoba-shoji.co.jp")))
                            .toList())
                    : Verdict.deliver();
        }
    }
}
