package com.misdeliveryguard.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * Issue 10 through the running application: the sender history is fed by mail the relay delivers over real
 * SMTP, and {@code POST /api/v1/check} shows the new findings — {@code namesake-of-usual-recipient},
 * {@code internal-address-typo} and a subject naming another customer — with their explanations and
 * evidence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewFindingsInCheckApiTest {

    static final SmtpSink upstream = PolicyTestSupport.sink();
    static final String PASSWORD = "new findings password";

    @LocalServerPort
    int port;

    @Autowired
    SmtpListener listener;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PolicyTestSupport.register(registry, "new-findings", upstream);
        registry.add("guard.audit.users[0].name", () -> "addin");
        registry.add("guard.audit.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
        registry.add("guard.audit.users[0].roles[0]", () -> "AUDITOR");
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    private String check(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("addin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void shouldSuggestTheUsualColleagueWhenAutocompletePickedAnOutsideNamesake() throws Exception {
        String namesake = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"name": "田中 健", "address": "tanaka.k@hokuto-sys.co.jp"}],
                 "subject": "【社外秘】チェックリスト", "body": "田中さん\\n\\nチェックリストを送ります。"}
                """;
        assertThat(check(namesake)).doesNotContain("namesake-of-usual-recipient");

        int before = upstream.transactions().size();
        for (int i = 0; i < 3; i++) {
            assertThat(PolicyTestSupport.send(listener.port(), "tanaka.misaki@example.co.jp",
                    PolicyTestSupport.named("田中 美咲", "tanaka.misaki@example.co.jp"), "週次報告 " + i,
                    "田中さん\n\n今週の報告です。")).startsWith("250");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.transactions().size() == before + 3);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(check(namesake))
                .contains("\"action\":\"hold\"").contains("namesake-of-usual-recipient")
                .contains("\"usualRecipient\":\"tanaka.misaki@example.co.jp\"").contains("\"usualDeliveries\":\"3\"")
                .contains("Did autocomplete pick the namesake?").contains("自動補完"));
    }

    @Test
    void shouldSuggestTheColleagueForATypoInAnInternalAddressButLeaveRoleAddressesAlone() throws Exception {
        String typo = """
                {"from": "yamada.taro@example.co.jp",
                 "to": [{"address": "kobayashi.kne@example.co.jp"}, {"address": "sales-all@example.co.jp"}],
                 "subject": "打ち合わせ", "body": "小林さん\\n\\n明日の打ち合わせの件です。"}
                """;
        String body = check(typo);
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
        assertThat(check(json)).contains("\"action\":\"hold\"").contains("salutation-mismatch")
                .contains("\"subject\":\"【北斗システム様】ご提案\"").contains("北斗システム株式会社");
    }
}
