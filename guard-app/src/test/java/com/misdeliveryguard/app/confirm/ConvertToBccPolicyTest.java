package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SPEC §5's optional action for the visible-external rules (issue 11): with
 * {@code guard.policy.rules.<rule>.action=convert-to-bcc} the guard takes the external addresses out of
 * To/Cc and keeps the envelope — at once when nothing else holds the message, and on release when
 * another finding held it (a plain confirmation or a corrected copy alike). The verdict's log entry says
 * so ({@code headerChange: external-to-bcc}); every other byte of the message is unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = GuardApplication.class)
class ConvertToBccPolicyTest {

    static final SmtpSink upstream = RealRulesTestBase.sink();
    static final Path data = RealRulesTestBase.tempDir();
    static final String SATO = "sato@aoba-shoji.co.jp";

    @Autowired
    SmtpListener listener;

    @Autowired
    HoldQueries holds;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        RealRulesTestBase.settings(data, upstream).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:convert-to-bcc;DB_CLOSE_DELAY=-1");
        registry.add("guard.policy.rules.many-visible-external.action", () -> "convert-to-bcc");
        registry.add("guard.policy.rules.multiple-external-orgs.action", () -> "convert-to-bcc");
        registry.add("guard.policy.many-visible-external-threshold", () -> 2);
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void externalAddressesLeaveToAndCcAtOnceAndTheEnvelopeKeepsThem() throws Exception {
        Submission m = RealRulesTestBase.message("二社あてのご案内", "関係者各位")
                .to("佐藤 一郎", SATO).to("鈴木 花子", RealRulesTestBase.SUZUKI).cc("加藤 次郎", RealRulesTestBase.COLLEAGUE);
        String id = m.send(listener.port(), false);

        await().atMost(Duration.ofSeconds(10)).until(() -> RealRulesTestBase.deliveriesOf(upstream, m).size() == 1);
        SmtpSink.Transaction delivered = RealRulesTestBase.deliveriesOf(upstream, m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + SATO + ">",
                "<" + RealRulesTestBase.SUZUKI + ">", "<" + RealRulesTestBase.COLLEAGUE + ">");
        assertOnlyExternalAddressesLeftTheHeader(m, delivered, "undisclosed-recipients:;");
        assertThat(holds.find(id)).as("not held: converting is the whole action").isEmpty();
        String verdict = logDetails(id, "verdict").get(0);
        assertThat(verdict).contains("\"action\":\"BCC\"").contains("\"headerChange\":\"external-to-bcc\"")
                .contains("multiple-external-orgs");
    }

    /**
     * A colleague named only in Cc (the envelope does not carry them, e.g. the sender's MTA sent their copy apart)
     * is internal by the same rule as an envelope recipient, so the header keeps them, even though no internal
     * recipient is in the envelope to share their domain.
     */
    @Test
    void aColleagueOnlyInTheHeaderStaysInCc() throws Exception {
        Submission m = RealRulesTestBase.message("社外二社へのご案内", "関係者各位").to("佐藤 一郎", SATO)
                .to("鈴木 花子", RealRulesTestBase.SUZUKI).cc("加藤 次郎", RealRulesTestBase.COLLEAGUE)
                .notInEnvelope(RealRulesTestBase.COLLEAGUE);
        m.send(listener.port(), false);

        await().atMost(Duration.ofSeconds(10)).until(() -> RealRulesTestBase.deliveriesOf(upstream, m).size() == 1);
        SmtpSink.Transaction delivered = RealRulesTestBase.deliveriesOf(upstream, m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + SATO + ">",
                "<" + RealRulesTestBase.SUZUKI + ">");
        assertOnlyExternalAddressesLeftTheHeader(m, delivered, "undisclosed-recipients:;");
    }

    @Test
    void aMessageHeldForAnotherReasonIsConvertedWhenTheSenderConfirmsIt() throws Exception {
        Submission m = RealRulesTestBase.message("保留後のご案内", "関係者各位").to("佐藤 一郎", SATO)
                .to("鈴木 花子", RealRulesTestBase.SUZUKI).to("田中 一郎", RealRulesTestBase.ICHIRO_LOOKALIKE);
        String id = m.send(listener.port(), false);
        String link = local(RealRulesTestBase.awaitNotice(upstream, "保留後のご案内").link().orElseThrow());
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(logDetails(id, "verdict").get(0)).contains("\"action\":\"HOLD\"")
                .contains("\"headerChange\":\"external-to-bcc\"");

        post(link, Map.of("pick:" + RealRulesTestBase.ICHIRO_LOOKALIKE, List.of("send"), "pick:" + SATO, List.of("send"),
                "pick:" + RealRulesTestBase.SUZUKI, List.of("send")));

        await().atMost(Duration.ofSeconds(10)).until(() -> RealRulesTestBase.deliveriesOf(upstream, m).size() == 1);
        SmtpSink.Transaction delivered = RealRulesTestBase.deliveriesOf(upstream, m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + SATO + ">",
                "<" + RealRulesTestBase.SUZUKI + ">", "<" + RealRulesTestBase.ICHIRO_LOOKALIKE + ">");
        assertOnlyExternalAddressesLeftTheHeader(m, delivered, "undisclosed-recipients:;");
    }

    @Test
    void aCopyTheSenderCorrectsKeepsThePolicysConversion() throws Exception {
        Submission m = RealRulesTestBase.message("訂正後のご案内", "関係者各位").to("佐藤 一郎", SATO)
                .to("田中 一郎", RealRulesTestBase.ICHIRO_LOOKALIKE).cc("加藤 次郎", RealRulesTestBase.COLLEAGUE);
        String id = m.send(listener.port(), false);
        String link = local(RealRulesTestBase.awaitNotice(upstream, "訂正後のご案内").link().orElseThrow());
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.HELD);

        post(link, Map.of("pick:" + RealRulesTestBase.ICHIRO_LOOKALIKE, List.of("instead"), "pick:" + SATO,
                List.of("send"), "pick:" + RealRulesTestBase.COLLEAGUE, List.of("send")));

        await().atMost(Duration.ofSeconds(10)).until(() -> RealRulesTestBase.deliveriesOf(upstream, m).size() == 1);
        SmtpSink.Transaction delivered = RealRulesTestBase.deliveriesOf(upstream, m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + SATO + ">",
                "<" + RealRulesTestBase.ICHIRO + ">", "<" + RealRulesTestBase.COLLEAGUE + ">");
        String header = headerSection(afterTraceHeader(delivered.data()));
        assertThat(header).contains("To: undisclosed-recipients:;").doesNotContain(SATO)
                .doesNotContain("aoba-shoji.com").doesNotContain(RealRulesTestBase.ICHIRO)
                .contains(RealRulesTestBase.COLLEAGUE);
        assertThat(logDetails(id, "confirmed").get(0)).contains("sentAsBcc").contains(RealRulesTestBase.ICHIRO);
    }

    /**
     * The relayed bytes equal the submitted ones but for the To field, which now reads {@code newTo}; the
     * Cc field keeps only the internal colleague (or is gone when it held no internal address).
     */
    private static void assertOnlyExternalAddressesLeftTheHeader(Submission m, SmtpSink.Transaction delivered,
            String newTo) {
        String sent = new String(afterTraceHeader(delivered.data()), StandardCharsets.ISO_8859_1);
        String original = new String(m.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(body(sent)).isEqualTo(body(original));
        List<String> sentFields = fields(headerSection(sent));
        List<String> originalFields = fields(headerSection(original));
        assertThat(sentFields).contains("To: " + newTo);
        assertThat(sentFields.stream().filter(f -> !f.startsWith("To:") && !f.startsWith("Cc:")).toList())
                .isEqualTo(originalFields.stream().filter(f -> !f.startsWith("To:") && !f.startsWith("Cc:")).toList());
        String header = headerSection(sent);
        assertThat(header).doesNotContain(SATO).doesNotContain(RealRulesTestBase.SUZUKI)
                .doesNotContain("aoba-shoji.com");
        if (original.contains(RealRulesTestBase.COLLEAGUE)) {
            assertThat(sentFields).anyMatch(f -> f.startsWith("Cc:") && f.contains(RealRulesTestBase.COLLEAGUE));
        }
    }

    private void post(String link, Map<String, List<String>> picks) throws Exception {
        ConfirmClient sender = new ConfirmClient("http://127.0.0.1:" + webPort);
        Map<String, List<String>> form = new java.util.HashMap<>(picks);
        form.put("_csrf", List.of(sender.csrf(link)));
        form.put("action", List.of("send"));
        HttpResponse<String> sent = sender.post(link, form);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    }

    private String local(String link) {
        return link.replace(RealRulesTestBase.PUBLIC_URL, "http://127.0.0.1:" + webPort);
    }

    private List<String> logDetails(String queueId, String type) {
        return jdbc.queryForList("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = ? ORDER BY seq",
                String.class, queueId, type);
    }

    private static byte[] afterTraceHeader(byte[] relayed) {
        return SendAfterConfirmationTest.afterTraceHeader(relayed);
    }

    private static String headerSection(byte[] message) {
        return headerSection(new String(message, StandardCharsets.ISO_8859_1));
    }

    private static String headerSection(String message) {
        return message.substring(0, message.indexOf("\r\n\r\n") + 2);
    }

    private static String body(String message) {
        return message.substring(message.indexOf("\r\n\r\n"));
    }

    /** Header fields with their folds undone. */
    private static List<String> fields(String header) {
        return Arrays.stream(header.replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n")).toList();
    }
}
