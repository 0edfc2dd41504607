package com.misdeliveryguard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.audit.ChainCheck;
import com.misdeliveryguard.app.confirm.Mailbox;
import com.misdeliveryguard.app.confirm.Submission;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: with two instances ticking on one PostgreSQL schema (every second, reminders after 6
 * seconds, expiry after 15), every hold — whichever instance received it — gets one notice, one
 * reminder and one expiry, and its sender one mail of each; the decision log shows each once and
 * verifies.
 */
class RemindersAndExpiryAcrossInstancesIT {

    @Test
    void eachHoldIsRemindedOnceAndExpiredOnce() throws Exception {
        try (SharedSchema db = SharedSchema.create("guard_expiry"); SmtpSink upstream = SmtpSink.start();
                InProcessGuard a = InProcessGuard.start(timed(Instances.settings(Files.createTempDirectory("guard-a"),
                        db, upstream, true)));
                InProcessGuard b = InProcessGuard.start(timed(Instances.settings(Files.createTempDirectory("guard-b"),
                        db, upstream, false)))) {
            List<Submission> messages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                Submission m = HeldOnOneInstanceReleasedThroughAnotherIT.held("放置 " + n);
                ids.add(m.send((n % 2 == 0 ? a : b).smtpPort(), false));
                messages.add(m);
            }
            HoldQueries holds = b.bean(HoldQueries.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> holds.find(id).orElseThrow().state() == HoldState.EXPIRED));
            Thread.sleep(3000); // three more ticks on each instance: a second reminder or expiry would show up

            JdbcTemplate jdbc = a.bean(JdbcTemplate.class);
            for (int n = 0; n < messages.size(); n++) {
                String subject = messages.get(n).subject();
                String id = ids.get(n);
                List<String> mails = Mailbox.of(upstream).to(Instances.SENDER).stream().map(Mailbox.Notice::subject)
                        .filter(s -> s.endsWith("】" + subject)).toList();
                assertThat(mails).as(subject).containsExactlyInAnyOrder("【送信保留】" + subject,
                        "【再通知・送信保留】" + subject, "【期限切れ・破棄】" + subject);
                assertThat(jdbc.queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ? AND event_type IN "
                        + "('notified', 'reminded', 'expired') ORDER BY seq", String.class, id)).as(id)
                        .containsExactly("notified", "reminded", "expired");
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?", Integer.class,
                        id)).as("discarded at expiry: the bytes are deleted").isZero();
            }
            assertThat(HeldOnOneInstanceReleasedThroughAnotherIT.deliveriesOf(upstream, messages.get(0))).isEmpty();
            assertThat(a.bean(ChainCheck.class).verify().intact()).isTrue();
        }
    }

    private static Map<String, String> timed(Map<String, String> settings) {
        settings.put("guard.confirm.expiry", "15s");
        settings.put("guard.confirm.reminder", "6s");
        return settings;
    }
}
