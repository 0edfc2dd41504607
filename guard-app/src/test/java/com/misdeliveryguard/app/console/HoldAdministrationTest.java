package com.misdeliveryguard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.audit.ConsoleClient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An administrator releases a held message to one of its recipients, or discards one, with a reason
 * (RELIABILITY promise 2, SPEC §8) — through the API with HTTP Basic and through the console's form;
 * the upstream (GreenMail) gets exactly the chosen recipient, and the log says who did it and why.
 */
class HoldAdministrationTest extends ConsoleTestBase {

    @Test
    void shouldReleaseOnlyTheChosenRecipientThroughTheApiAndLogWhoAndWhy() throws Exception {
        String held = sendAsTanaka("二社宛てのご案内", SATO, SUZUKI);
        assertThat(awaitHold(held).ruleIds()).contains("multiple-external-orgs");
        ConsoleClient script = new ConsoleClient(webPort);

        assertThat(script.getWithBasic("/api/v1/holds?lang=ja", "auditor", PASSWORD).body()).contains(held)
                .contains("鈴木 花子").contains("株式会社あおば商事");
        String release = "{\"recipients\":[\"" + SATO + "\"],\"reason\":\"顧客に確認済み\"}";
        assertThat(script.postJsonWithBasic("/api/v1/holds/" + held + "/release", "auditor", PASSWORD, release)
                .statusCode()).as("an auditor only reads").isEqualTo(403);
        assertThat(script.postJsonWithBasic("/api/v1/holds/" + held + "/release", "admin", PASSWORD,
                "{\"recipients\":[\"" + SATO + "\"]}").statusCode()).as("no reason").isEqualTo(400);
        assertThat(script.postJsonWithBasic("/api/v1/holds/" + held + "/release", "admin", PASSWORD,
                "{\"recipients\":[\"someone@else.example\"],\"reason\":\"x\"}").statusCode()).as("no recipient")
                .isEqualTo(400);
        assertThat(script.postJsonWithBasic("/api/v1/holds/" + held + "/release", "admin", PASSWORD, release)
                .statusCode()).isEqualTo(200);
        assertThat(script.postJsonWithBasic("/api/v1/holds/" + held + "/release", "admin", PASSWORD, release)
                .statusCode()).as("released once").isEqualTo(409);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inbox(SATO).contains("二社宛てのご案内"));
        assertThat(inbox(SATO)).containsOnlyOnce("二社宛てのご案内");
        assertThat(inbox(SUZUKI)).as("the recipient not chosen gets nothing").doesNotContain("二社宛てのご案内");
        assertThat(eventsOf(held).stream().filter("delivered"::equals)).hasSize(1);
        assertThat(holds.find(held).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        String action = jdbc.queryForObject("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = "
                + "'admin-action'", String.class, held);
        assertThat(action).contains("\"name\":\"admin\"").contains("顧客に確認済み").contains("\"release\"")
                .contains("\"dropped\":\"" + SUZUKI + "\"");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messages.find(held).orElseThrow().finalState()
                .equals("delivered"));
        assertThat(messages.find(held).orElseThrow().decision()).contains("released-by-admin");
    }

    @Test
    void shouldDiscardFromTheConsoleWithAReason() throws Exception {
        String held = sendAsTanaka("誤送信かもしれない", STRANGER_AT_AOBA);
        awaitHold(held);
        ConsoleClient admin = new ConsoleClient(webPort);
        admin.signIn("admin", PASSWORD);
        String page = admin.get("/admin/holds").body();
        assertThat(page).contains("誤送信かもしれない").contains(STRANGER_AT_AOBA).contains("株式会社あおば商事");
        String csrf = admin.csrf("/admin/holds");
        assertThat(admin.post("/admin/holds/" + held + "/discard", Map.of("_csrf", csrf, "reason", ""))
                .headers().firstValue("Location")).get().asString().contains("done=holds.reasonRequired");
        assertThat(holds.find(held).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(admin.post("/admin/holds/" + held + "/discard", Map.of("_csrf", csrf, "reason", "宛先不明のため"))
                .headers().firstValue("Location")).get().asString().contains("done=discarded");

        assertThat(holds.find(held).orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(eventsOf(held)).endsWith("admin-action");
        assertThat(jdbc.queryForObject("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = "
                + "'admin-action'", String.class, held)).contains("宛先不明のため").contains("\"discard\"");
        assertThat(messages.find(held).orElseThrow().finalState()).isEqualTo("discarded");
        assertThat(admin.get("/admin/holds").body()).doesNotContain("誤送信かもしれない");
    }
}
