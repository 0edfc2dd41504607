package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Without a smart host the guard runs in demo mode: the bundled demo directory is imported and
 * delivered mail is written to {@code <data-dir>/outbox} as .eml files. A mail to a known contact
 * lands there as it is; a mail to a look-alike domain is held and only the notification to the
 * sender lands there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoOutboxTest {

    @TempDir
    static Path data;

    @Autowired
    SmtpListener listener;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("guard.data-dir", () -> data.toString());
        registry.add("guard.smtp.port", () -> 0);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:demotest");
        registry.add("guard.internal-domains", () -> "example.co.jp");
    }

    @Test
    void shouldWriteDeliveredMailToTheOutbox() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO demo.test");
            RawSmtpClient.expect(client.send("yamada.taro@example.co.jp", "tanaka@aoba-shoji.co.jp",
                    "From: yamada.taro@example.co.jp\r\nSubject: demo\r\nTo: tanaka@aoba-shoji.co.jp\r\n\r\nhello outbox"), "250");
        }
        Path outbox = data.resolve("outbox");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emlFiles(outbox).size() == 1);
        String eml = Files.readString(emlFiles(outbox).get(0));
        assertThat(eml).contains("X-Envelope-To: <tanaka@aoba-shoji.co.jp>").contains("Received: from demo.test")
                .endsWith("From: yamada.taro@example.co.jp\r\nSubject: demo\r\nTo: tanaka@aoba-shoji.co.jp\r\n\r\nhello outbox\r\n");

        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO demo.test");
            RawSmtpClient.expect(client.send("yamada.taro@example.co.jp", "tanaka@aoba-shoji.com",
                    "From: yamada.taro@example.co.jp\r\nSubject: lookalike\r\nTo: tanaka@aoba-shoji.com\r\n\r\nheld"), "250");
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emlFiles(outbox).size() == 2);
        String notice = emlFiles(outbox).stream().map(DemoOutboxTest::read).filter(t -> !t.equals(eml))
                .findFirst().orElseThrow();
        assertThat(notice).contains("X-Envelope-From: <>").contains("X-Envelope-To: <yamada.taro@example.co.jp>");
        Object content = new jakarta.mail.internet.MimeMessage((jakarta.mail.Session) null,
                new java.io.ByteArrayInputStream(notice.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .getContent();
        // issue 11: the notice is multipart/alternative; its first part is the plain text
        Object text = ((jakarta.mail.Multipart) content).getBodyPart(0).getContent();
        assertThat(text.toString()).contains("http://localhost:8080/confirm/").contains("Did you mean aoba-shoji.co.jp?")
                .doesNotContain("\r\n\r\nheld");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> emlFiles(Path outbox) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }
}
