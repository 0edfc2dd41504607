package com.misdeliveryguard.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /api/v1/check}: the verdict with each recipient's directory entry and the findings,
 * for JSON and raw messages; nothing is sent. Signed-in users only; bad input is a 400. The findings of
 * issue 10 — {@code namesake-of-usual-recipient} (after deliveries over real SMTP fed the sender history),
 * {@code internal-address-typo} and a subject naming another customer — show with explanation and evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheckApiTest {

    static final SmtpSink upstream = PolicyTestSupport.sink();
    static final String PASSWORD = "check api password";

    @LocalServerPort
    int port;

    @Autowired
    SmtpListener listener;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PolicyTestSupport.register(registry, "check-api", upstream);
        registry.add("guard.audit.users[0].name", () -> "addin");
        registry.add("guard.audit.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("guard.audit.users[0].roles[0]", () -> "AUDITOR");
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    private HttpResponse<String> post(String contentType, String body, String query, boolean authenticated)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check"
                + query)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("addin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldExplainALookalikeAndShowTheDirectoryEntries() throws Exception {
        String json = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"name": "田中 太郎", "address": "tanaka@aoba-shoji.com"}],
                 "cc": [{"name": "鈴木 健一", "address": "k.suzuki@aoba-shoji.co.jp"}],
                 "subject": "お見積りの件", "body": "あおば商事株式会社 営業部 田中様\\n\\nお世話になっております。"}
                """;
        HttpResponse<String> response = post("application/json", json, "", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"action\":\"hold\"").contains("lookalike-domain")
                .contains("aoba-shoji.co.jp").contains("鈴木 健一").contains("\"role\":\"cc\"");
        assertThat(upstream.transactions()).isEmpty();
    }

    @Test
    void shouldCheckARawMessageWithItsEnvelope() throws Exception {
        String raw = "From: yamada.taro@example.co.jp\r\nTo: tanaka@aoba-shoji.co.jp\r\nSubject: test\r\n\r\n"
                + "田中様\r\n";
        HttpResponse<String> response = post("message/rfc822", raw,
                "?from=yamada.taro@example.co.jp&rcpt=tanaka@aoba-shoji.co.jp", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"address\":\"tanaka@aoba-shoji.co.jp\"")
                .contains("\"directoryStatus\":\"known-contact\"").contains("田中 太郎");
    }

    @Test
    void shouldRefuseBadInputAndAnonymousCallers() throws Exception {
        assertThat(post("application/json", "{\"to\": [{\"address\": \"a%b@example.com\"}]}", "", true).statusCode())
                .isEqualTo(400);
        assertThat(post("application/json", "{\"to\": []}", "", true).statusCode()).isEqualTo(400);
        assertThat(post("application/json", "{}", "", false).statusCode()).isEqualTo(401);
    }

    /** POST a JSON check as the signed-in add-in; the body of the 200 answer. */
    private String checkJson(String json) throws Exception {
        HttpResponse<String> response = post("application/json", json, "", true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    // issue 10: the sender history is fed by mail the relay delivers over real SMTP, and the new findings show
    // with their explanations and evidence

    @Test
    void shouldSuggestTheUsualColleagueWhenAutocompletePickedAnOutsideNamesake() throws Exception {
        String namesake = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"name": "田中 健", "address": "tanaka.k@hokuto-sys.co.jp"}],
                 "subject": "【社外秘】チェックリスト", "body": "田中さん\\n\\nチェックリストを送ります。"}
                """;
        assertThat(checkJson(namesake)).doesNotContain("namesake-of-usual-recipient");

        int before = upstream.transactions().size();
        for (int i = 0; i < 3; i++) {
            assertThat(PolicyTestSupport.send(listener.port(), "tanaka.misaki@example.co.jp",
                    PolicyTestSupport.named("田中 美咲", "tanaka.misaki@example.co.jp"), "週次報告 " + i,
                    "田中さん\n\n今週の報告です。")).startsWith("250");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.transactions().size() == before + 3);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(checkJson(namesake))
                .contains("\"action\":\"hold\"").contains("namesake-of-usual-recipient")
                .contains("\"usualRecipient\":\"tanaka.misaki@example.co.jp\"").contains("\"usualDeliveries\":\"3\"")
                .contains("Did autocomplete pick the namesake?").contains("自動補完"));

        // the same mail through the relay is held, and the sender's confirmation page names the rule in words
        // and offers to send to the usual colleague instead
        int sent = upstream.transactions().size();
        assertThat(PolicyTestSupport.send(listener.port(), "tanaka.k@hokuto-sys.co.jp",
                PolicyTestSupport.named("田中 健", "tanaka.k@hokuto-sys.co.jp"), "【社外秘】チェックリスト",
                "田中さん\n\nチェックリストを送ります。")).startsWith("250");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.transactions().size() > sent);
        SmtpSink.Transaction notice = upstream.transactions().get(sent);
        assertThat(notice.recipients()).containsExactly("<yamada.taro@example.co.jp>");
        Matcher link = Pattern.compile("/confirm/[A-Za-z0-9_-]{43}").matcher(plainText(notice.data()));
        assertThat(link.find()).as("the notice carries the confirmation link").isTrue();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + link.group() + "?lang=ja")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("いつも送っている相手と同じ名前の別人").doesNotContain(">namesake-of-usual-recipient<")
                .contains("代わりに").contains("tanaka.misaki@example.co.jp");
    }

    /** The text/plain part of a notification as sent (multipart/alternative). */
    private static String plainText(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                    return (String) multipart.getBodyPart(i).getContent();
                }
            }
        }
        return String.valueOf(content);
    }

    @Test
    void shouldSuggestTheColleagueForATypoInAnInternalAddressButLeaveRoleAddressesAlone() throws Exception {
        String typo = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"address": "kobayashi.kne@example.co.jp"}, {"address": "sales-all@example.co.jp"}],
                 "subject": "打ち合わせ", "body": "小林さん\\n\\n明日の打ち合わせの件です。"}
                """;
        String body = checkJson(typo);
        assertThat(body).contains("\"action\":\"hold\"").contains("internal-address-typo")
                .contains("\"didYouMean\":\"kobayashi.ken@example.co.jp\"").contains("Did you mean kobayashi.ken@example.co.jp?")
                .doesNotContain("sales-all@example.co.jp is nobody");
    }

    @Test
    void shouldHoldASubjectNamingAnotherCustomerThanTheRecipients() throws Exception {
        String json = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"name": "田中 一郎", "address": "ichiro.tanaka@midori-bank.co.jp"}],
                 "subject": "【北斗システム様】ご提案", "body": "田中様\\n\\nご提案資料をお送りします。"}
                """;
        assertThat(checkJson(json)).contains("\"action\":\"hold\"").contains("salutation-mismatch")
                .contains("\"subject\":\"【北斗システム様】ご提案\"").contains("北斗システム株式会社");
    }
}
