package com.misdeliveryguard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.audit.ChainCheck;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.app.confirm.Mailbox;
import com.misdeliveryguard.app.confirm.Submission;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: two guard instances (Spring contexts in this JVM) on one PostgreSQL schema, each with its
 * own data directory, ticking every second; holds remind after 5 seconds and expire after 12.
 * <ul>
 *   <li>a message held by instance A is confirmed through instance B's URL and delivered once (B
 *       copies the bytes from the database into its own spool);</li>
 *   <li>two Sends posted at the same moment to A and to B release once;</li>
 *   <li>every hold, whichever instance received it, gets one notice, one reminder and one expiry.</li>
 * </ul>
 * The decision log, written by both, verifies after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesOnOneDatabaseIT {

    private SharedSchema db;
    private SmtpSink upstream;
    private InProcessGuard a;
    private InProcessGuard b;

    @BeforeAll
    void start() throws Exception {
        db = SharedSchema.create("guard_two");
        upstream = SmtpSink.start();
        a = InProcessGuard.start(timed(Instances.settings(Files.createTempDirectory("guard-a"), db, upstream, true)));
        b = InProcessGuard.start(timed(Instances.settings(Files.createTempDirectory("guard-b"), db, upstream, false)));
    }

    @AfterEach
    void theDecisionLogVerifies() {
        assertThat(a.bean(ChainCheck.class).verify().intact()).isTrue();
        assertThat(b.bean(ChainCheck.class).verify().intact()).isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aHoldMadeOnOneInstanceIsReleasedThroughTheOtherAndDeliveredOnce() throws Exception {
        Submission m = Instances.held("Aで保留、Bで確認");
        String id = m.send(a.smtpPort(), false);
        String link = b.local(Instances.notice(upstream, m.subject()));

        ConfirmClient onB = new ConfirmClient(b.base());
        HttpResponse<String> sent = onB.post(link, Instances.send(onB.csrf(link)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(20)).until(() -> Instances.deliveriesOf(upstream, m).size() == 1);
        assertThat(a.bean(HoldQueries.class).find(id).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(a.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?",
                Integer.class, id)).as("the bytes leave the database with the release").isZero();
        Thread.sleep(1500); // a second delivery would show up by now
        assertThat(Instances.deliveriesOf(upstream, m)).hasSize(1);
    }

    @Test
    void twoSendsPostedToTwoInstancesAtOnceReleaseOnce() throws Exception {
        Submission m = Instances.held("AとBに同時に送信");
        String id = m.send(a.smtpPort(), false);
        String link = Instances.notice(upstream, m.subject());

        assertThat(racePosts(List.of(a, b), link)).containsExactlyInAnyOrder(302, 404);

        await().atMost(Duration.ofSeconds(20)).until(() -> Instances.deliveriesOf(upstream, m).size() == 1);
        assertThat(a.bean(JdbcTemplate.class).queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ?"
                + " AND event_type IN ('confirmed', 'partially-confirmed')", String.class, id)).hasSize(1);
        Thread.sleep(1500);
        assertThat(Instances.deliveriesOf(upstream, m)).hasSize(1);
    }

    @Test
    void eachHoldIsRemindedOnceAndExpiredOnce() throws Exception {
        List<Submission> messages = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            Submission m = Instances.held("放置 " + n);
            ids.add(m.send((n % 2 == 0 ? a : b).smtpPort(), false));
            messages.add(m);
        }
        HoldQueries holds = b.bean(HoldQueries.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                .allMatch(id -> holds.find(id).orElseThrow().state() == HoldState.EXPIRED));
        Thread.sleep(2500); // more ticks on each instance: a second reminder or expiry would show up

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
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?", Integer.class, id))
                    .as("discarded at expiry: the bytes are deleted").isZero();
            assertThat(Instances.deliveriesOf(upstream, messages.get(n))).isEmpty();
        }
    }

    private static Map<String, String> timed(Map<String, String> settings) {
        settings.put("guard.confirm.expiry", "12s");
        settings.put("guard.confirm.reminder", "5s");
        return settings;
    }

    /** The same Send posted to each instance at one moment (each in its own session); the status codes. */
    private static List<Integer> racePosts(List<InProcessGuard> instances, String link) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (InProcessGuard instance : instances) {
                ConfirmClient client = new ConfirmClient(instance.base());
                String url = instance.local(link);
                String csrf = client.csrf(url);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        return client.post(url, Instances.send(csrf)).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
            start.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }
}
