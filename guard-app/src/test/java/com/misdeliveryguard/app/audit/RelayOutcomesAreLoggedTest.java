package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.LogEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every outcome of the relay path leaves its entries: a message is submitted over SMTP to the real
 * listener; the upstream accepts one recipient, defers one and refuses one; a second message is held.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayOutcomesAreLoggedTest extends AuditApplicationTestBase {

    private List<LogEntry> historyOnceItHas(String queueId, String... types) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queries.history(queueId).stream()
                .map(LogEntry::type).toList().containsAll(List.of(types)));
        return queries.history(queueId);
    }

    private static Map<String, Object> details(List<LogEntry> entries, String type) {
        return CanonicalJson.parseObject(entries.stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow()
                .details());
    }

    @Test
    void shouldLogReceivedVerdictAndTheUpstreamReplyOfEveryRecipient(CapturedOutput output) throws Exception {
        String id = send("alice@example.com", "ok@example.org", "ご提案の件", "BODY-MARKER is never logged",
                "later@example.org", "gone@example.org");
        List<LogEntry> history = historyOnceItHas(id, "received", "verdict", "delivered", "deferred", "bounced");

        assertThat(history).extracting(LogEntry::type).startsWith("received", "verdict");
        Map<String, Object> received = details(history, "received");
        assertThat(received).containsEntry("clientAddress", "127.0.0.1").containsEntry("mailFrom", "alice@example.com")
                .containsEntry("rcptTo", List.of("ok@example.org", "later@example.org", "gone@example.org"))
                .containsEntry("helo", "audit.test").containsEntry("origin", "smtp").containsEntry("subject", "ご提案の件");
        assertThat((String) received.get("sha256")).hasSize(64);
        assertThat((String) received.get("messageId")).endsWith("@audit.test");
        assertThat((Long) received.get("size")).isPositive();

        Map<String, Object> verdict = details(history, "verdict");
        assertThat(verdict).containsEntry("action", "DELIVER").containsEntry("findings", List.of());
        assertThat(EntryFields.list(verdict, "recipients", "field")).containsExactly("to", "bcc", "bcc");
        assertThat(EntryFields.list(verdict, "recipients", "displayName")).containsExactly("Partner", "", "");

        assertThat(details(history, "delivered")).containsEntry("rcptTo", List.of("ok@example.org"))
                .hasEntrySatisfying("reply", r -> assertThat((String) r).startsWith("250"));
        assertThat(details(history, "deferred")).containsEntry("recipient", "later@example.org")
                .containsKey("nextAttempt").hasEntrySatisfying("reply", r -> assertThat((String) r).startsWith("451"));
        assertThat(details(history, "bounced")).containsEntry("recipient", "gone@example.org")
                .hasEntrySatisfying("reply", r -> assertThat((String) r).startsWith("550"));

        assertThat(history).allSatisfy(e -> assertThat(e.details()).doesNotContain("BODY-MARKER"));
        assertThat(output.getAll()).contains("\"queue\":\"" + id + "\"").contains("\"type\":\"bounced\"");
    }

    @Test
    void shouldLogTheDeliveryOfTheBounceTheGuardSendsToTheSender() throws Exception {
        send("bob@example.com", "gone@example.org", "bounce me", "x");
        AuditFilter dsnToBob = new AuditFilter(Optional.empty(), Optional.empty(), Optional.of("<>"),
                Optional.of("bob@example.com"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("delivered"));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> !queries.page(dsnToBob, Optional.empty(), Optional.empty(), 5).entries().isEmpty());
        LogEntry dsn = queries.page(dsnToBob, Optional.empty(), Optional.empty(), 5).entries().get(0);
        assertThat(CanonicalJson.parseObject(dsn.details())).containsEntry("mailFrom", "<>")
                .containsEntry("rcptTo", List.of("bob@example.com"));
    }

    @Test
    void shouldLogAHeldMessageWithEveryFindingAndNoDelivery() throws Exception {
        String id = send("carol@example.com", "unknown@aoba-shoj1.co.jp", "[hold] 見積書", "x");
        List<LogEntry> history = historyOnceItHas(id, "received", "verdict");
        Map<String, Object> verdict = details(history, "verdict");
        assertThat(verdict).containsEntry("action", "HOLD");
        assertThat(EntryFields.list(verdict, "findings", "rule")).containsExactly("unknown-recipient");
        assertThat(EntryFields.list(verdict, "findings", "recipient")).containsExactly("unknown@aoba-shoj1.co.jp");
        assertThat(verdict.toString()).contains("closest=sato@aoba-shoji.co.jp").contains("宛先がアドレス帳にありません");
        // the notice to the sender may be logged by now too; nothing is delivered
        assertThat(history).extracting(LogEntry::type).startsWith("received", "verdict")
                .doesNotContain("delivered", "deferred", "bounced");
        assertThat(queries.page(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("@aoba-shoj1.co.jp"), Optional.empty(), Optional.empty(), Optional.of("unknown-recipient"),
                Optional.of("hold")), Optional.empty(), Optional.empty(), 10).entries())
                .extracting(e -> e.queueId().orElseThrow()).contains(id);
    }
}
