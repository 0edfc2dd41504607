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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: two guard instances on one PostgreSQL schema. A message held by instance A is confirmed
 * through instance B's URL and delivered once (B copies the bytes from the database into its own
 * spool); two Sends posted at the same moment to A and to B release once. The decision log, written
 * by both, verifies afterwards.
 */
class HeldOnOneInstanceReleasedThroughAnotherIT {

    @Test
    void aHoldMadeOnOneInstanceIsReleasedThroughTheOtherAndDeliveredOnce() throws Exception {
        try (SharedSchema db = SharedSchema.create("guard_holds"); SmtpSink upstream = SmtpSink.start();
                InProcessGuard a = InProcessGuard.start(Instances.settings(Files.createTempDirectory("guard-a"), db,
                        upstream, true));
                InProcessGuard b = InProcessGuard.start(Instances.settings(Files.createTempDirectory("guard-b"), db,
                        upstream, false))) {
            Submission m = held("Aで保留、Bで確認");
            String id = m.send(a.smtpPort(), false);
            String link = notice(upstream, m.subject());

            ConfirmClient onB = new ConfirmClient(b.base());
            HttpResponse<String> sent = onB.post(b.local(link), send(onB.csrf(b.local(link))));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);

            await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(upstream, m).size() == 1);
            assertThat(a.bean(HoldQueries.class).find(id).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
            JdbcTemplate jdbc = a.bean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?", Integer.class, id))
                    .as("the bytes leave the database with the release").isZero();

            Submission raced = held("AとBに同時に送信");
            String racedId = raced.send(a.smtpPort(), false);
            String racedLink = notice(upstream, raced.subject());
            assertThat(racePosts(List.of(a, b), racedLink)).containsExactlyInAnyOrder(302, 404);
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(upstream, raced).size() == 1);
            assertThat(jdbc.queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ? AND event_type IN "
                    + "('confirmed', 'partially-confirmed')", String.class, racedId)).hasSize(1);

            Thread.sleep(1500); // a second delivery would show up by now
            assertThat(deliveriesOf(upstream, m)).hasSize(1);
            assertThat(deliveriesOf(upstream, raced)).hasSize(1);
            assertThat(a.bean(ChainCheck.class).verify().intact()).isTrue();
            assertThat(b.bean(ChainCheck.class).verify().intact()).isTrue();
        }
    }

    /** A mail from the sender to the look-alike address: the real rules hold it. */
    static Submission held(String subject) {
        return new Submission(subject).attachment(null).body("株式会社あおば商事\r\n田中様\r\n\r\nよろしくお願いいたします。\r\n")
                .to("田中 一郎", Instances.LOOKALIKE);
    }

    /** The confirmation link of the notice about a message (made with the shared public URL). */
    static String notice(SmtpSink upstream, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(upstream).to(Instances.SENDER).stream()
                .filter(n -> n.subject().equals("【送信保留】" + subject)).findFirst().flatMap(Mailbox.Notice::link),
                Optional::isPresent).orElseThrow();
    }

    static Map<String, List<String>> send(String csrf) {
        return Map.of("_csrf", List.of(csrf), "action", List.of("send"), "pick:" + Instances.LOOKALIKE,
                List.of("send"));
    }

    static List<SmtpSink.Transaction> deliveriesOf(SmtpSink upstream, Submission m) {
        return upstream.transactions().stream().filter(t -> !t.mailFrom().equals("<>"))
                .filter(t -> t.dataAsString().contains(m.messageIdHeader())).toList();
    }

    /** The same Send posted to each instance at one moment (each in its own session); the status codes. */
    private static List<Integer> racePosts(List<InProcessGuard> instances, String link) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        List<CompletableFuture<Integer>> answers = instances.stream().map(instance -> {
            ConfirmClient client = new ConfirmClient(instance.base());
            String csrf;
            try {
                csrf = client.csrf(instance.local(link));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return client.post(instance.local(link), send(csrf)).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
        }).toList();
        start.countDown();
        try {
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdown();
        }
    }
}
