package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11: trust never silences a look-alike, not even after a restart. The sender confirms mail to
 * {@code tanaka.ichiro@aoba-shoji.com} (a look-alike of {@code aoba-shoji.co.jp}) once, which makes it a
 * learned recipient in the database; the guard is stopped and started again on the same data directory
 * and database; the next mail to it is held with the look-alike finding, which now says the sender
 * wrote there before.
 */
class LookalikeStaysHeldAfterRestartTest {

    @Test
    void aConfirmedLookalikeIsHeldAgainAfterARestart() throws Exception {
        try (SmtpSink sink = RealRulesTestBase.sink()) {
            confirmThenRestart(sink);
        }
    }

    private static void confirmThenRestart(SmtpSink sink) throws Exception {
        Path data = RealRulesTestBase.tempDir();
        Map<String, String> settings = new java.util.LinkedHashMap<>(RealRulesTestBase.settings(data, sink));
        settings.put("spring.datasource.url", "jdbc:h2:file:" + data.resolve("db/guard") + ";DB_CLOSE_ON_EXIT=FALSE");
        settings.put("server.port", "0");

        try (ConfigurableApplicationContext guard = start(settings)) {
            Submission first = RealRulesTestBase.message("再起動前の送信", "株式会社あおば商事\r\n田中様")
                    .to("田中 一郎", RealRulesTestBase.ICHIRO_LOOKALIKE);
            first.send(guard.getBean(SmtpListener.class).port(), false);
            String link = local(guard, RealRulesTestBase.awaitNotice(sink, "再起動前の送信").link().orElseThrow());
            ConfirmClient sender = new ConfirmClient(base(guard));
            HttpResponse<String> sent = sender.post(link, Map.of("_csrf", List.of(sender.csrf(link)), "action",
                    List.of("send"), "pick:" + RealRulesTestBase.ICHIRO_LOOKALIKE, List.of("send")));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
            await().atMost(Duration.ofSeconds(15)).until(() -> RealRulesTestBase.deliveriesOf(sink, first).size() == 1);
        }

        try (ConfigurableApplicationContext guard = start(settings)) {
            Submission again = RealRulesTestBase.message("再起動後の送信", "株式会社あおば商事\r\n田中様")
                    .to("田中 一郎", RealRulesTestBase.ICHIRO_LOOKALIKE);
            String id = again.send(guard.getBean(SmtpListener.class).port(), false);
            String link = local(guard, RealRulesTestBase.awaitNotice(sink, "再起動後の送信").link().orElseThrow());
            HoldQueries holds = guard.getBean(HoldQueries.class);
            HeldMessage held = await().atMost(Duration.ofSeconds(10)).until(() -> holds.find(id), Optional::isPresent)
                    .orElseThrow();
            assertThat(held.findings()).filteredOn(f -> f.ruleId().equals("lookalike-domain")).singleElement()
                    .satisfies(f -> assertThat(f.evidence()).containsEntry("trusted", "learned"));
            assertThat(new ConfirmClient(base(guard)).get(link).body()).contains("以前にも送信した宛先ですが");
            assertThat(RealRulesTestBase.deliveriesOf(sink, again)).isEmpty();
        }
    }

    private static ConfigurableApplicationContext start(Map<String, String> settings) {
        return new SpringApplicationBuilder(GuardApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext guard) {
        return "http://127.0.0.1:" + guard.getEnvironment().getProperty("local.server.port");
    }

    private static String local(ConfigurableApplicationContext guard, String link) {
        return link.replace(RealRulesTestBase.PUBLIC_URL, base(guard));
    }
}
