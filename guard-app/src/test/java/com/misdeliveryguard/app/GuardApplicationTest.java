package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The assembled application: a correct message to a known contact, submitted with Jakarta Mail, goes
 * through the real listener, the checks, spool and queue to a GreenMail upstream; health (the readiness
 * group with storage, directory, relay and disk space) and metrics report the relay.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GuardApplicationTest {

    static final GreenMail upstream = start();

    @TempDir
    static Path data;

    @Autowired
    SmtpListener listener;

    @LocalServerPort
    int webPort;

    static GreenMail start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("guard.data-dir", () -> data.toString());
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.upstream.host", () -> "127.0.0.1");
        registry.add("guard.upstream.port", () -> upstream.getSmtp().getPort());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:apptest");
        registry.add("guard.internal-domains", () -> "example.co.jp");
        registry.add("guard.directory.import", GuardApplicationTest::demoDirectory);
    }

    /** The bundled demo directory, so that the recipient below is a known contact. */
    static String demoDirectory() {
        try (var demo = GuardApplicationTest.class.getResourceAsStream("/demo/directory.csv")) {
            Path copy = data.resolve("directory.csv");
            java.nio.file.Files.copy(demo, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        upstream.stop();
    }

    @Test
    void shouldRelayAMessageAndReportHealthAndMetrics() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(listener.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("yamada.taro@example.co.jp", "山田 太郎", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("tanaka@aoba-shoji.co.jp", "田中 太郎", "UTF-8"));
        message.setSubject("ご提案の件", "UTF-8");
        message.setText("あおば商事株式会社\r\n田中様\r\n\r\nよろしくお願いいたします。\r\n", "UTF-8");
        Transport.send(message);

        assertThat(upstream.waitForIncomingEmail(10_000, 1)).isTrue();
        assertThat(upstream.getReceivedMessages()[0].getSubject()).isEqualTo("ご提案の件");

        var http = java.net.http.HttpClient.newHttpClient();
        String health = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + webPort + "/actuator/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("\"status\":\"UP\"").contains("\"relay\"");
        String readiness = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + webPort + "/actuator/health/readiness")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(readiness).endsWith("\"status\":\"UP\"}").contains("\"storage\":{\"status\":\"UP\"")
                .contains("\"directory\":{\"status\":\"UP\"").contains("\"relay\":{\"status\":\"UP\"")
                .contains("\"diskSpace\":{\"status\":\"UP\"").contains("\"readinessState\"");
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + webPort + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("guard_messages_accepted_total").contains("guard_commits_failed_total 0.0");
        for (String state : new String[] {"incoming", "hold", "outgoing", "deferred", "corrupt"}) {
            assertThat(metrics).contains("guard_spool_messages{state=\"" + state + "\"}");
        }
    }
}
