package com.misdeliveryguard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.audit.ConsoleClient;
import com.misdeliveryguard.app.audit.MessageSummary;
import com.misdeliveryguard.core.audit.CanonicalJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The message view of the console and {@code GET /api/v1/audit/messages}: one object per message
 * with subject, sender's name, recipients' organizations, rule titles and final state; the guard's
 * notification about a hold shown inside the held message's history instead of as a message of its
 * own; console access entries hidden unless asked for.
 */
class MessageViewTest extends ConsoleTestBase {

    @Test
    void shouldListOneObjectPerMessageAndShowTheNoticeInsideTheHeldMessagesHistory() throws Exception {
        String delivered = sendAsTanaka("ご提案の件", SATO);
        String held = sendAsTanaka("お見積りの件", STRANGER_AT_AOBA);
        awaitHold(held);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messages.history(held).stream()
                .anyMatch(e -> !e.queueId().orElse("").equals(held)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messages.find(delivered)
                .map(MessageSummary::delivered).orElse(0) == 1);

        HttpResponse<String> api = new ConsoleClient(webPort).getWithBasic("/api/v1/audit/messages?size=50", "auditor",
                PASSWORD);
        assertThat(api.statusCode()).isEqualTo(200);
        List<Map<String, Object>> list = objects(CanonicalJson.parseObject(api.body()).get("messages"));
        assertThat(list).extracting(m -> m.get("queueId")).contains(delivered, held).doesNotHaveDuplicates();
        assertThat(list).as("the guard's own mails are no messages of their own")
                .allSatisfy(m -> assertThat(objects(List.of(m.get("sender"))).get(0).get("address")).isNotEqualTo("<>"));
        Map<String, Object> heldObject = list.stream().filter(m -> m.get("queueId").equals(held)).findFirst().orElseThrow();
        assertThat(heldObject.get("subject")).isEqualTo("お見積りの件");
        assertThat(heldObject.get("finalState")).isEqualTo("held");
        assertThat(objects(List.of(heldObject.get("sender"))).get(0)).containsEntry("name", "田中 太郎")
                .containsEntry("department", "営業部");
        assertThat(objects(heldObject.get("recipients")).get(0)).containsEntry("address", STRANGER_AT_AOBA)
                .containsEntry("organization", "株式会社あおば商事");
        assertThat(objects(heldObject.get("rules"))).extracting(r -> r.get("title"))
                .contains("Unknown address at a known organization");
        Map<String, Object> deliveredObject = list.stream().filter(m -> m.get("queueId").equals(delivered)).findFirst()
                .orElseThrow();
        assertThat(deliveredObject.get("finalState")).isEqualTo("delivered");
        assertThat(objects(deliveredObject.get("recipients")).get(0)).containsEntry("name", "佐藤 一郎");

        ConsoleClient auditor = new ConsoleClient(webPort);
        auditor.signIn("auditor", PASSWORD);
        String history = auditor.get("/audit/messages/" + held + "?lang=ja").body();
        String notice = messages.history(held).stream().map(e -> e.queueId().orElse("")).filter(q -> !q.equals(held))
                .findFirst().orElseThrow();
        assertThat(history).contains("id=\"summary\"").contains("お見積りの件").contains("株式会社あおば商事")
                .contains("保留中（確認待ち）").contains("ガードの通知メール " + notice);
        assertThat(auditor.get("/audit?lang=en").body()).contains("Messages").contains("お見積りの件")
                .contains("Unknown address at a known organization").doesNotContain("??");
        assertThat(auditor.get("/audit").body()).as("the language is remembered").contains("Unknown address at a known organization");
        assertThat(auditor.get("/audit?lang=ja").body()).contains("既知の組織の未登録アドレス").doesNotContain("Final state");
    }

    @Test
    void shouldHideConsoleAccessEntriesUnlessAskedFor() throws Exception {
        ConsoleClient auditor = new ConsoleClient(webPort);
        auditor.signIn("auditor", PASSWORD);
        auditor.get("/audit");
        auditor.get("/audit/statistics");
        assertThat(auditor.get("/audit/events").body()).doesNotContain("type-audit-access");
        assertThat(auditor.get("/audit/events?access=true").body()).contains("type-audit-access");
        assertThat(auditor.get("/audit/events?outcome=audit-access").body()).contains("type-audit-access");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object value) {
        return ((List<Object>) value).stream().map(o -> (Map<String, Object>) o).toList();
    }
}
