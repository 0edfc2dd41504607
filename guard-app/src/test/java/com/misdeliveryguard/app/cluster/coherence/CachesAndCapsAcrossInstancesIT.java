package com.misdeliveryguard.app.cluster.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.app.confirm.HoldScheduler;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13, two instances A and B on one PostgreSQL schema (as behind a load balancer):
 * <ul>
 *   <li>a directory import on A changes B's verdicts (check API) within a second, although B had just
 *       cached the recipient as unknown and its cache trusts an answer for five minutes;</li>
 *   <li>a recipient the sender confirmed on A's confirmation page is trusted by B at once;</li>
 *   <li>a delivery relayed by A shows in B's sender history at once;</li>
 *   <li>the per-sender caps (RELIABILITY promise 8) are counted once across both: eight holds of one
 *       sender submitted to both at the same time, with at most three notification mails an hour and two
 *       open holds, give exactly three notices (the other five wait) and exactly six over-cap flags.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachesAndCapsAcrossInstancesIT {

    private static final String SENDER = "tanaka@example.co.jp";
    private static final String BUSY = "busy@example.co.jp";
    private static final String SATO = "sato@aoba-shoji.co.jp";
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    private static final AtomicLong MESSAGES = new AtomicLong();

    private SmtpSink upstream;
    private SharedSchema schema;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeAll
    void startTwoInstances() throws Exception {
        upstream = SmtpSink.start();
        schema = new SharedSchema("guard_coherence");
        var directory = SharedSchema.directory(List.of(
                SENDER + ",田中 太郎,たなか たろう,エグザンプル株式会社,営業部",
                BUSY + ",多忙 一郎,たぼう いちろう,エグザンプル株式会社,営業部",
                SATO + ",佐藤 一郎,さとう いちろう,株式会社あおば商事,営業部"));
        a = SharedSchema.start(settings(directory));
        b = SharedSchema.start(settings(directory));
    }

    private Map<String, String> settings(java.nio.file.Path directory) {
        Map<String, String> settings = schema.settings(directory, upstream.port());
        settings.put("guard.confirm.tick-interval", "1s");
        settings.put("guard.confirm.max-notifications-per-hour", "3");
        settings.put("guard.confirm.max-open-holds-per-sender", "2");
        return settings;
    }

    @AfterAll
    void stop() throws Exception {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (upstream != null) {
            upstream.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aDirectoryImportOnOneInstanceChangesTheOthersVerdictsWithinASecond() throws Exception {
        String newcomer = "yamamoto@shinki-torihiki.co.jp";
        assertThat(SharedSchema.check(b, SENDER, newcomer)).contains("\"directoryStatus\":\"unknown\"");

        var report = a.getBean(DirectoryImporter.class).importFile(SharedSchema.directory(List.of(
                newcomer + ",山本 健,やまもと けん,株式会社新規取引,購買部")));
        assertThat(report.imported()).as(report.summary()).isTrue();

        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() ->
                SharedSchema.check(b, SENDER, newcomer).contains("\"directoryStatus\":\"known-contact\""));
        assertThat(SharedSchema.check(b, SENDER, newcomer)).contains("山本 健");
    }

    @Test
    void aRecipientConfirmedOnOneInstanceIsTrustedByTheOtherAtOnce() throws Exception {
        String privateAddress = "yamamoto.private@gmail.com";
        submit(a, SENDER, privateAddress, "資料送付の件");
        String link = await().atMost(Duration.ofSeconds(20)).until(() -> noticeLink("資料送付の件"), Optional::isPresent)
                .orElseThrow().replace("http://guard.test", SharedSchema.base(a));
        assertThat(SharedSchema.check(b, SENDER, privateAddress)).contains("\"directoryStatus\":\"unknown\"");

        ConfirmClient sender = new ConfirmClient(SharedSchema.base(a));
        HttpResponse<String> sent = sender.post(link, Map.of("_csrf", List.of(sender.csrf(link)), "action",
                List.of("send"), "pick:" + privateAddress, List.of("send")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);

        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() ->
                SharedSchema.check(b, SENDER, privateAddress).contains("\"directoryStatus\":\"learned\""));
    }

    /** The confirmation link in the sender's notice about the held message of this subject, once it arrived. */
    private Optional<String> noticeLink(String subject) throws Exception {
        for (SmtpSink.Transaction t : upstream.transactions()) {
            if (t.mailFrom().equals("<>") && t.recipients().contains("<" + SENDER + ">")) {
                MimeMessage notice = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(t.data()));
                if (notice.getSubject().contains(subject)) {
                    return linkIn(notice.getContent());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> linkIn(Object content) throws Exception {
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                Optional<String> link = linkIn(parts.getBodyPart(i).getContent());
                if (link.isPresent()) {
                    return link;
                }
            }
        } else if (content instanceof String text) {
            Matcher link = Pattern.compile("http://guard\\.test/confirm/[A-Za-z0-9_-]{43}").matcher(text);
            if (link.find()) {
                return Optional.of(link.group());
            }
        }
        return Optional.empty();
    }

    @Test
    void aDeliveryRelayedByOneInstanceShowsInTheOthersSenderHistoryAtOnce() throws Exception {
        SenderHistory onB = b.getBean(SenderHistory.class);
        assertThat(onB.correspondentsOf(MailAddress.of(SENDER), 10)).extracting(Correspondent::recipient)
                .doesNotContain(MailAddress.of(SATO));

        String messageId = submit(a, SENDER, SATO, "お見積りの件");
        await().atMost(Duration.ofSeconds(20)).until(() -> upstream.transactions().stream()
                .anyMatch(t -> t.dataAsString().contains(messageId)));

        await().atMost(AT_ONCE).pollInterval(Duration.ofMillis(50)).until(() ->
                onB.correspondentsOf(MailAddress.of(SENDER), 10).stream().anyMatch(c -> c.recipient().toString()
                        .equals(SATO)));
    }

    @Test
    void perSenderCapsAreCountedOnceAcrossBothInstances() throws Exception {
        ListAppender<ILoggingEvent> flags = new ListAppender<>();
        flags.start();
        Logger recorder = (Logger) LoggerFactory.getLogger("com.misdeliveryguard.app.confirm.HoldRecorder");
        recorder.addAppender(flags);
        try {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (ConfigurableApplicationContext instance : List.of(a, b, a, b)) {
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 2; i++) {
                        try {
                            submit(instance, BUSY, "info@mishiranu-torihiki.co.jp", "はじめてのご連絡");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
            senders.forEach(CompletableFuture::join);
            var jdbc = schema.jdbc();
            String busy = "<" + BUSY + ">";
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM confirm_hold WHERE mail_from = ?", Integer.class, busy) == 8);
            // every hold either notified or put off by the cap
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM confirm_hold WHERE mail_from = ? AND (notified_at IS NOT NULL"
                    + " OR notice_not_before IS NOT NULL)", Integer.class, busy) == 8);
            // both schedulers keep ticking every second: nothing more may go out this hour
            a.getBean(HoldScheduler.class).tick();
            b.getBean(HoldScheduler.class).tick();
            Thread.sleep(2_500);

            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE mail_from = ?"
                    + " AND notified_at IS NOT NULL", Integer.class, busy)).as("notices sent this hour").isEqualTo(3);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE mail_from = ?"
                    + " AND notified_at IS NULL AND notice_not_before IS NOT NULL", Integer.class, busy))
                    .as("notices put off").isEqualTo(5);
            assertThat(upstream.transactions()).as("notices at the upstream").filteredOn(t -> t.recipients()
                    .contains(busy)).hasSize(3);
            assertThat(flags.list).as("over-cap flags, by open holds counted")
                    .filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .map(m -> m.replaceAll(".* has (\\d+) open held messages.*", "$1"))
                    .containsExactlyInAnyOrder("3", "4", "5", "6", "7", "8");
        } finally {
            recorder.detachAppender(flags);
        }
    }

    /** Submits a plain message over SMTP to this instance (loopback: trusted); its Message-ID. */
    private static String submit(ConfigurableApplicationContext instance, String from, String to, String subject)
            throws Exception {
        String messageId = "<coherence-" + MESSAGES.incrementAndGet() + "." + System.nanoTime() + "@client.test>";
        String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: =?UTF-8?B?" + base64(subject)
                + "?=\r\nMessage-ID: " + messageId + "\r\nDate: Sun, 6 Dec 2026 10:00:00 +0900\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64("ご担当者様\r\n\r\nよろしくお願いいたします。\r\n");
        try (RawSmtpClient client = new RawSmtpClient(instance.getBean(SmtpListener.class).port())) {
            client.greeting();
            RawSmtpClient.expect(client.command("EHLO client.test"), "250");
            RawSmtpClient.expect(client.send(from, to, message), "250");
        }
        return messageId;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
