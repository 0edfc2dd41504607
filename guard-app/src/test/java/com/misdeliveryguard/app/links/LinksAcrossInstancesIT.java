package com.misdeliveryguard.app.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.directory.testing.TestDatabase;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two guard instances on one PostgreSQL schema with the same attachment key (RELIABILITY promise 11,
 * "on any instance"): a mail relayed by instance A goes behind a link; the file downloads from instance
 * B; revoked on B, the link no longer serves on A. Runs where {@code GUARD_TEST_POSTGRES_URL} is set (CI).
 */
class LinksAcrossInstancesIT {

    @Test
    void aLinkMadeByOneInstanceDownloadsFromAnotherAndARevocationHoldsOnBoth() throws Exception {
        String url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        String schema = "guard_links_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String jdbcUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        String key = HexFormat.of().formatHex(new byte[32]).replace("00", "a7");
        GreenMail upstream = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        upstream.start();
        try (ConfigurableApplicationContext a = start(jdbcUrl, schema, key, upstream);
                ConfigurableApplicationContext b = start(jdbcUrl, schema, key, upstream)) {
            byte[] message = LinksTestBase.japaneseMailWithPdf("[two-instances]", "suzuki@midori-bank.co.jp");
            submit(a.getBean(SmtpListener.class).port(), message);
            String messageId = LinksTestBase.header(message, "Message-ID");
            String copy = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var received : upstream.getReceivedMessages()) {
                    if (messageId.equals(received.getMessageID())) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        received.writeTo(out);
                        return out.toString(StandardCharsets.ISO_8859_1);
                    }
                }
                return null;
            }, c -> c != null);
            Matcher link = Pattern.compile("http://links\\.test/d/([A-Za-z0-9_-]{32})").matcher(copy);
            assertThat(link.find()).isTrue();
            String token = link.group(1);

            ConfirmClient onB = new ConfirmClient(base(b));
            String html = onB.get("/d/" + token).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
            Matcher file = Pattern.compile("/d/" + token + "/files/(\\d+)").matcher(html);
            assertThat(csrf.find() && file.find()).isTrue();
            HttpResponse<byte[]> download = onB.postForBytes("/d/" + token + "/files/" + file.group(1),
                    Map.of("_csrf", List.of(csrf.group(1))));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(LinksTestBase.sha256(download.body())).isEqualTo(LinksTestBase.sha256(LinksTestBase.PDF));

            Sending sending = b.getBean(SentMail.class).recent(1).get(0);
            b.getBean(Incidents.class).revoke(sending, List.of(),
                    new Incidents.Reporter("ADMIN", "admin", "127.0.0.1", "test"), "admin");
            assertThat(new ConfirmClient(base(a)).get("/d/" + token).statusCode()).isEqualTo(410);
        } finally {
            upstream.stop();
            try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static ConfigurableApplicationContext start(String jdbcUrl, String schema, String key, GreenMail upstream)
            throws Exception {
        Path data = Files.createTempDirectory("guard-links-instance");
        Map<String, String> properties = Map.ofEntries(
                Map.entry("guard.data-dir", data.toString()), Map.entry("server.port", "0"),
                Map.entry("guard.smtp.port", "0"), Map.entry("guard.public-url", "http://links.test"),
                Map.entry("guard.host-name", "guard.example.co.jp"),
                Map.entry("guard.internal-domains[0]", "example.co.jp"), Map.entry("guard.policy.mode", "shadow"),
                Map.entry("guard.upstream.host", "127.0.0.1"),
                Map.entry("guard.upstream.port", Integer.toString(upstream.getSmtp().getPort())),
                Map.entry("spring.datasource.url", jdbcUrl), Map.entry("spring.datasource.username", ""),
                Map.entry("spring.flyway.schemas", schema), Map.entry("guard.attachments.links.enabled", "true"),
                Map.entry("guard.attachments.links.key", key));
        // command-line arguments: they win over application.yml (builder properties would not)
        return new SpringApplicationBuilder(GuardApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static void submit(int port, byte[] message) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.greeting();
            client.command("EHLO client.test");
            RawSmtpClient.expect(client.command("MAIL FROM:<tanaka@example.co.jp> BODY=8BITMIME"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<suzuki@midori-bank.co.jp>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write(message);
            client.write(".\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
    }
}
