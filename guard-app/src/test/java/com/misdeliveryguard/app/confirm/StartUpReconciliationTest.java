package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.hold.HeldContent;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * RELIABILITY promise 2 after a crash or a storage fault (ADR 0005): the spool says where a message
 * is, the hold records are put back in step with it, and every held message's sender is told. Each
 * test leaves the state a crash leaves and runs the scheduler's tick, which is what happens first
 * when the application is ready after a restart (and again every 10 minutes).
 */
class StartUpReconciliationTest extends ConfirmTestBase {

    @Autowired
    MessageFactsParser parser;

    @Autowired
    HoldStore store;

    @Autowired
    HeldContent content;

    @Autowired
    MeterRegistry registry;

    @AfterEach
    void storageWorksAgain() {
        syncFaults.failSyncs(false);
    }

    /** A client's message committed as the SMTP session commits it (in incoming/), from tanaka to the lookalike. */
    private SpooledMessage spooled(Submission m) throws Exception {
        Envelope envelope = new Envelope(ReversePath.of(MailAddress.of(SENDER)),
                m.envelope().stream().map(MailAddress::of).toList(), Optional.empty(), "127.0.0.1", "client.test",
                false, true, clock.instant());
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = m.bytes();
            writer.write(bytes, 0, bytes.length);
            return writer.commit(envelope, SpooledMessage.Origin.SMTP);
        }
    }

    /** The next tick reconciles (reconciliation runs at most every 10 minutes of the clock). */
    private void restartTick() {
        clock.advance(Duration.ofMinutes(11));
        scheduler.tick();
    }

    private boolean generated(String incomingId) {
        try {
            return spool.read(QueueState.INCOMING, incomingId).origin() == SpooledMessage.Origin.GUARD;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private double repairs(String kind) {
        var counter = registry.find("guard.spool.repairs").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldRecordCheckAndNotifyAHeldMessageWhoseRecordWasLost() throws Exception {
        Submission m = message("記録を失った保留").to("佐藤 一郎", LOOKALIKE);
        SpooledMessage lost = spooled(m);
        spool.move(lost.id(), QueueState.INCOMING, QueueState.HOLD);
        double before = repairs("hold-without-record");

        restartTick();

        assertThat(hold(lost.id()).state()).isEqualTo(HoldState.HELD);
        assertThat(inHoldQueue(lost.id())).isTrue();
        assertThat(awaitNotice(SENDER, "記録を失った保留").link()).isPresent();
        assertThat(logOf(lost.id())).contains("repaired", "received", "verdict");
        assertThat(logDetails(lost.id(), "repaired")).contains("hold-without-record");
        assertThat(repairs("hold-without-record")).isEqualTo(before + 1);
    }

    @Test
    void shouldHoldAndNotifyRatherThanDropAnAcknowledgedMessageThePolicyNowRefuses() throws Exception {
        SpooledMessage lost = spooled(message("[reject] 受付後に拒否").to("鈴木 花子", PARTNER));
        spool.move(lost.id(), QueueState.INCOMING, QueueState.HOLD);

        restartTick();

        assertThat(hold(lost.id()).state()).isEqualTo(HoldState.HELD);
        assertThat(awaitNotice(SENDER, "受付後に拒否").link()).isPresent();
        assertThat(logDetails(lost.id(), "verdict")).contains("\"action\":\"HOLD\"")
                .contains("\"policyAction\":\"REJECT\"");
    }

    @Test
    void shouldCloseAndLogAHoldWhoseMessageIsGone() throws Exception {
        String id = submit(message("消えた保留").to("佐藤 一郎", LOOKALIKE), false);
        awaitNotice(SENDER, "消えた保留");
        content.delete(id); // lost from the database (as far as anything can be lost from it)

        restartTick();

        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.LEFT_QUEUE);
        assertThat(logDetails(id, "repaired")).contains("record-without-message");
        assertThat(repairs("record-without-message")).isPositive();
    }

    @Test
    void shouldSendTheNoticeOfAHoldRecordedJustBeforeACrashOnceItCanBeWritten() throws Exception {
        Submission m = message("通知前に停止").to("佐藤 一郎", LOOKALIKE);
        SpooledMessage message = spooled(m);
        // what the intake commits before the 250; the process dies before any notice is written
        HoldRecorder recorder = new HoldRecorder(new HoldFactory(new ConfirmProperties(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null), new NotifyAddress(List.of())), store,
                holds, 200, new StaticListableBeanFactory().getBeanProvider(HoldScheduler.class), clock, spool, content);
        recorder.commit(message, Optional.of(parser.parse(new ByteArrayInputStream(m.bytes()),
                message.envelope().recipients())), new Verdict(Action.HOLD, List.of(new Finding("lookalike-domain",
                Severity.CRITICAL, Optional.of(MailAddress.of(LOOKALIKE)), "似ています", "looks like", Map.of()))));
        spool.delete(QueueState.INCOMING, message.id()); // the intake's next step: the bytes are in the database

        syncFaults.failSyncs(true);
        restartTick();
        syncFaults.failSyncs(false);

        assertThat(hold(message.id()).times().notifiedAt()).as("no claim without a written notice").isEmpty();
        assertThat(Mailbox.of(upstream).to(SENDER)).noneMatch(n -> n.subject().contains("通知前に停止"));
        assertThat(spool.list(QueueState.INCOMING)).as("no notice left staged").noneMatch(this::generated);
        assertThat(java.nio.file.Files.list(spool.root().resolve("tmp"))).as("no half-written notice").isEmpty();

        scheduler.tick();

        assertThat(awaitNotice(SENDER, "通知前に停止").link()).isPresent();
        assertThat(hold(message.id()).times().notifiedAt()).isPresent();
        assertThat(logOf(message.id())).contains("notified");
    }
}
