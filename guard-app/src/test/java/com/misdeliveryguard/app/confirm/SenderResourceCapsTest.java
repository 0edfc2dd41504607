package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.cluster.coherence.TransactionLocks;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * RELIABILITY promise 8, bounded resources per sender, timed by the fake clock: past
 * {@code guard.confirm.max-notifications-per-hour} (default 20) holds are still recorded and listed
 * on the sender's own page, but their notification mails wait until the hour allows, and the skip
 * is logged; past {@code guard.confirm.max-open-holds-per-sender} new holds are still kept, and
 * flagged in the log.
 */
class SenderResourceCapsTest extends ConfirmTestBase {

    @Autowired
    TransactionLocks locks;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    HoldStore store;

    @Autowired
    com.misdeliveryguard.app.confirm.hold.HeldContent content;

    @Autowired
    MessageFactsParser parser;

    @Autowired
    ObjectProvider<HoldScheduler> schedulers;

    @Test
    void notificationsPastTheHourlyCapWaitForTheWindowWhileTheHoldIsKeptAndListed() throws Exception {
        startAFreshHour();
        ListAppender<ILoggingEvent> warnings = capture(NoticeBudget.class);
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 21; n++) {
            ids.add(submit(message(String.format("上限確認 #%02d", n)).to("佐藤 一郎", LOOKALIKE), true));
            hold(ids.get(n - 1));
            scheduler.tick();
        }
        awaitNotice(SENDER, "上限確認 #20");
        String last = ids.get(20);
        scheduler.tick();
        clock.advance(Duration.ofMinutes(59));
        scheduler.tick();
        Thread.sleep(300);
        assertThat(Mailbox.of(upstream).to(SENDER)).noneMatch(n -> n.subject().contains("上限確認 #21"));
        assertThat(hold(last).state().isWaiting()).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE queue_id = ? AND notified_at IS NULL",
                Integer.class, last)).isEqualTo(1);
        assertThat(warnings.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .anyMatch(e -> e.getFormattedMessage().contains(last) && e.getFormattedMessage().contains("cap 20"));

        ConfirmClient c = client();
        HttpResponse<String> signIn = c.post("/my/login", Map.of("_csrf", List.of(c.csrf("/my/login")),
                "username", List.of("tanaka"), "password", List.of(PASSWORD)));
        assertThat(signIn.headers().firstValue("Location").orElse("")).endsWith("/my/held");
        assertThat(c.get("/my/held").body()).contains("上限確認 #21").contains("id=\"open-" + last + "\"");

        clock.advance(Duration.ofMinutes(2));
        scheduler.tick();
        assertThat(awaitNotice(SENDER, "上限確認 #21").link()).isPresent();
    }

    @Test
    void holdsPastTheOpenHoldCapAreKeptAndFlaggedInTheLog() throws Exception {
        ListAppender<ILoggingEvent> warnings = capture(HoldRecorder.class);
        HoldRecorder recorder = new HoldRecorder(new HoldFactory(new ConfirmProperties(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null), new NotifyAddress(List.of())), store,
                holds, locks, 2, schedulers, clock, spool, content);
        String sender = "busy@example.co.jp";
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            ids.add(recordHold(recorder, sender, message("大量保留 " + n).from(sender).to("佐藤 一郎", LOOKALIKE)));
        }
        assertThat(ids).allSatisfy(id -> assertThat(holds.find(id)).isPresent());
        assertThat(warnings.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(ids.get(2)).contains("3 open held")
                        .contains("cap of 2"));
    }

    /** Lets every earlier test's hold expire, then starts an hour with no notification mails in it. */
    private void startAFreshHour() {
        clock.advance(Duration.ofDays(30));
        scheduler.tick();
        scheduler.tick();
        clock.advance(Duration.ofHours(2));
        scheduler.tick();
    }

    private String recordHold(HoldRecorder recorder, String sender, Submission m) throws Exception {
        Envelope envelope = new Envelope(ReversePath.of(MailAddress.of(sender)),
                m.envelope().stream().map(MailAddress::of).toList(), Optional.empty(), "127.0.0.1", "client.test",
                false, true, clock.instant());
        SpooledMessage spooled;
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = m.bytes();
            writer.write(bytes, 0, bytes.length);
            spooled = writer.commit(envelope, SpooledMessage.Origin.SMTP);
        }
        var facts = Optional.of(parser.parse(new ByteArrayInputStream(m.bytes()), envelope.recipients()));
        // in a transaction, as the intake calls it
        new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.commit(spooled, facts,
                new Verdict(Action.HOLD, List.of(new Finding("keyword", Severity.MEDIUM, Optional.empty(), "社外秘",
                        "Confidential", Map.of())))));
        return spooled.id();
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }
}
