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

/** Without a smart host the guard writes delivered mail to {@code <data-dir>/outbox} as .eml files. */
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
    }

    @Test
    void shouldWriteDeliveredMailToTheOutbox() throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO demo.test");
            RawSmtpClient.expect(client.send("alice@example.com", "bob@example.org",
                    "Subject: demo\r\nTo: bob@example.org\r\n\r\nhello outbox"), "250");
        }
        Path outbox = data.resolve("outbox");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> emlFiles(outbox).size() == 1);
        String eml = Files.readString(emlFiles(outbox).get(0));
        assertThat(eml).contains("X-Envelope-To: <bob@example.org>").contains("Received: from demo.test")
                .endsWith("Subject: demo\r\nTo: bob@example.org\r\n\r\nhello outbox\r\n");
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
