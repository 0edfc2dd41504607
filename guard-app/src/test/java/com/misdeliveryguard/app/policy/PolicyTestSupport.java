package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The demo directory, an upstream sink and a way to send, shared by the checks' application tests. */
public final class PolicyTestSupport {

    private PolicyTestSupport() {
    }

    public static SmtpSink sink() {
        try {
            return SmtpSink.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers data dir, SMTP port, upstream, the bundled demo directory and the internal domain. */
    public static void register(DynamicPropertyRegistry registry, String name, SmtpSink upstream) {
        try {
            Path data = Files.createTempDirectory("guard-" + name);
            Path directory = data.resolve("directory.csv");
            try (InputStream demo = PolicyTestSupport.class.getResourceAsStream("/demo/directory.csv")) {
                Files.copy(demo, directory, StandardCopyOption.REPLACE_EXISTING);
            }
            registry.add("guard.data-dir", data::toString);
            registry.add("guard.smtp.port", () -> 0);
            registry.add("guard.upstream.host", () -> "127.0.0.1");
            registry.add("guard.upstream.port", upstream::port);
            registry.add("guard.directory.import", directory::toString);
            registry.add("guard.internal-domains", () -> "example.co.jp");
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends from yamada.taro@example.co.jp to one recipient; returns the reply to DATA. */
    static String send(int port, String to, String toHeader, String subject, String body) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.greeting();
            client.command("EHLO pc.example.co.jp");
            RawSmtpClient.expect(client.command("MAIL FROM:<yamada.taro@example.co.jp>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<" + to + ">"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            String message = "From: =?UTF-8?B?" + b64("山田 太郎") + "?= <yamada.taro@example.co.jp>\r\n"
                    + "To: " + toHeader + "\r\nSubject: =?UTF-8?B?" + b64(subject) + "?=\r\n"
                    + "Message-ID: <" + System.nanoTime() + "@example.co.jp>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                    + "\r\n.\r\n";
            client.write(message.getBytes(StandardCharsets.US_ASCII));
            return client.reply();
        }
    }

    public static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String named(String name, String address) {
        return "=?UTF-8?B?" + b64(name) + "?= <" + address + ">";
    }
}
