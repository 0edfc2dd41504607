package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.cluster.coherence.TransactionLocks;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * RELIABILITY promise 2 after a crash or a storage fault (ADR 0005): the spool says where a message
 * is, the hold records are put back in step with it, and every held message's sender is told. Each
 * test leaves the state a crash leaves and runs the scheduler's tick, which is what happens first
 * when the application is ready after a restart (and again every 10 minutes).
 */
class StartUpReconciliationTest extends ConfirmTestBase {

    @Autowired
    TransactionLocks locks;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MessageFactsParser parser;

    @Autowired
    HoldStore store;

    @Autowired
    HeldContent content;

    @Autowired
    SpoolActions spoolActions;

    @Autowired
    com.misdeliveryguard.smtp.queue.GuardIntake intake;

    @Autowired
    MeterRegistry registry;

    @Autowired
    com.misdeliveryguard.smtp.listener.CommitGate storage;

    /**
     * The context is shared with other test classes: a storage probe that ran while syncs failed closed the gate
     * (451 to new mail), so the next test waits for a probe that finds storage working again (every 2 s).
     */
    @AfterEach
    void storageWorksAgain() {
        syncFaults.failSyncs(false);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(storage::open);
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
        content.purge(id); // lost from the database (as far as anything can be lost from it)

        restartTick();

        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.LEFT_QUEUE);
        assertThat(logDetails(id, "repaired")).contains("record-without-message");
        assertThat(repairs("record-without-message")).isPositive();
    }

    @Test
    void shouldSendTheNoticeOfAHoldRecordedJustBeforeACrashOnceItCanBeWritten() throws Exception {
        Submission m = message("通知前に停止").to("佐藤 一郎", LOOKALIKE);
        SpooledMessage message = spooled(m);
        // what the intake commits before the 250; the process dies before any notice is written (from the
        // commit on, the hold may be notified by any tick: no notice can be written until the restart)
        syncFaults.failSyncs(true);
        HoldRecorder recorder = new HoldRecorder(new HoldFactory(new ConfirmProperties(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null), new NotifyAddress(List.of())), store,
                holds, locks, 200, new StaticListableBeanFactory().getBeanProvider(HoldScheduler.class), clock, spool,
                content);
        var facts = Optional.of(parser.parse(new ByteArrayInputStream(m.bytes()), message.envelope().recipients()));
        new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.commit(message, facts,
                new Verdict(Action.HOLD, List.of(new Finding("lookalike-domain", Severity.CRITICAL,
                        Optional.of(MailAddress.of(LOOKALIKE)), "似ています", "looks like", Map.of())))));

        restartTick();
        // checked while notices still cannot be written: any tick (another test's kick too) may notify afterwards
        assertThat(hold(message.id()).times().notifiedAt()).as("no claim without a written notice").isEmpty();
        assertThat(Mailbox.of(upstream).to(SENDER)).noneMatch(n -> n.subject().contains("通知前に停止"));
        assertThat(spool.list(QueueState.INCOMING)).as("no notice left staged").noneMatch(this::generated);
        assertThat(java.nio.file.Files.list(spool.root().resolve("tmp"))).as("no half-written notice")
                .allMatch(p -> p.getFileName().toString().startsWith("spare-")); // emptied directories (ADR 0015)
        syncFaults.failSyncs(false);
        spool.delete(QueueState.INCOMING, message.id()); // the intake's next step: the bytes are in the database

        scheduler.tick();

        assertThat(awaitNotice(SENDER, "通知前に停止").link()).isPresent();
        assertThat(hold(message.id()).times().notifiedAt()).isPresent();
        assertThat(logOf(message.id())).contains("notified");
    }

    @Test
    void shouldMoveAHoldFromBeforeTheUpgradeIntoTheDatabaseOnceAndReleaseItFromThere() throws Exception {
        Submission m = message("更新前の保留").to("佐藤 一郎", LOOKALIKE);
        SpooledMessage old = spooled(m);
        // as a guard before issue 13 held it: the record in the database, the bytes in this instance's hold/
        store.insert(new HoldFactory(new ConfirmProperties(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null), new NotifyAddress(List.of())).of(old,
                Optional.of(parser.parse(new ByteArrayInputStream(m.bytes()), old.envelope().recipients())),
                new Verdict(Action.HOLD, List.of(new Finding("lookalike-domain", Severity.CRITICAL,
                        Optional.of(MailAddress.of(LOOKALIKE)), "似ています", "looks like", Map.of()))), clock.instant()));
        spool.move(old.id(), QueueState.INCOMING, QueueState.HOLD);
        double before = repairs("hold-moved-to-database");

        restartTick();
        restartTick();

        assertThat(spool.list(QueueState.HOLD)).doesNotContain(old.id());
        assertThat(inHoldQueue(old.id())).isTrue();
        assertThat(repairs("hold-moved-to-database")).as("moved once").isEqualTo(before + 1);
        assertThat(logDetails(old.id(), "repaired")).contains("hold-moved-to-database");
        String link = local(awaitNotice(SENDER, "更新前の保留").link().orElseThrow());
        ConfirmClient c = client();
        assertThat(c.post(link, Map.of("_csrf", List.of(c.csrf(link)), "action", List.of("send"), "confirm",
                List.of(LOOKALIKE), "really", List.of("yes"))).statusCode()).isEqualTo(302);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(SendAfterConfirmationTest.afterTraceHeader(deliveriesOf(m).get(0).data())).isEqualTo(m.bytes());
        assertThat(inHoldQueue(old.id())).as("the bytes leave the database with the release").isFalse();
    }

    @Test
    void shouldFinishAReleaseCutShortOnlyOnTheInstanceItWasReleasedInto() throws Exception {
        Submission mine = message("ここで解放").to("佐藤 一郎", LOOKALIKE);
        Submission theirs = message("他で解放").to("佐藤 一郎", LOOKALIKE);
        String here = submit(mine, false);
        String there = submit(theirs, false);
        awaitNotice(SENDER, "ここで解放");
        awaitNotice(SENDER, "他で解放");
        // each release committed (copy in hold/, state) and the process died before the copy moved on and the
        // bytes were deleted from the database
        releasedButNotMovedOn(here, spoolActions.spoolName());
        releasedButNotMovedOn(there, "another-instance");

        restartTick();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(mine).size() == 1);
        Thread.sleep(300);
        assertThat(deliveriesOf(mine)).hasSize(1);
        assertThat(deliveriesOf(theirs)).as("the other instance delivers its own copy").isEmpty();
        assertThat(spool.list(QueueState.HOLD)).doesNotContain(here, there);
        assertThat(logDetails(there, "repaired")).contains("another instance released it");
        assertThat(inHoldQueue(here) || inHoldQueue(there)).as("the decided holds' bytes are deleted").isFalse();
    }

    @Test
    void shouldRemoveTheCopyOfAReleaseThatRolledBackAndKeepTheHold() throws Exception {
        Submission m = message("取り消された解放").to("佐藤 一郎", LOOKALIKE);
        String id = heldWithALocalCopy(m, QueueState.HOLD);

        restartTick();

        assertThat(spool.list(QueueState.HOLD)).doesNotContain(id);
        assertThat(inHoldQueue(id)).isTrue();
        assertThat(hold(id).state()).isEqualTo(HoldState.HELD);
        Thread.sleep(300);
        assertThat(deliveriesOf(m)).isEmpty();
    }

    @Test
    void shouldNotCheckAgainAHeldMessageWhoseLocalCopyOutlivedItsCommit() throws Exception {
        // the crash came after the records (and the bytes) committed and before the copy in incoming/ was removed
        String id = heldWithALocalCopy(message("保留後の残り").to("佐藤 一郎", LOOKALIKE), QueueState.INCOMING);

        assertThat(intake.recover(List.of(id))).isZero();

        assertThat(spool.list(QueueState.INCOMING)).doesNotContain(id);
        assertThat(inHoldQueue(id)).isTrue();
        assertThat(logOf(id).stream().filter("received"::equals)).as("not checked twice").hasSize(1);
    }

    @Test
    void shouldLogOnceAMessageWhoseRecordsCommittedBeforeACrashLeftItInIncoming() throws Exception {
        Submission m = message("記録後の再検査").to("鈴木 花子", PARTNER);
        SpooledMessage message = spooled(m);
        byte[] bytes;
        try (var in = spool.openContent(QueueState.INCOMING, message.id())) {
            bytes = in.readAllBytes();
        }
        assertThat(intake.recover(List.of(message.id()))).isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !deliveriesOf(m).isEmpty());
        // the state a kill leaves between the commit of the records and the move out of incoming/
        spool.restore(message, new ByteArrayInputStream(bytes), QueueState.INCOMING, List.of());

        assertThat(intake.recover(List.of(message.id()))).isZero();

        assertThat(logOf(message.id()).stream().filter("received"::equals)).as("received entries").hasSize(1);
        assertThat(logOf(message.id()).stream().filter("verdict"::equals)).as("verdict entries").hasSize(1);
    }

    /** Submits a mail the guard holds and, once its sender was told, puts a copy of its bytes into {@code state}. */
    private String heldWithALocalCopy(Submission m, QueueState state) throws Exception {
        String id = submit(m, false);
        awaitNotice(SENDER, m.subject());
        spool.restore(content.find(id).orElseThrow(), content.open(id), state, List.of());
        return id;
    }

    private void releasedButNotMovedOn(String id, String releasedInto) throws Exception {
        spool.restore(content.find(id).orElseThrow(), content.open(id), QueueState.HOLD, List.of());
        assertThat(store.transition(id, List.of(HoldState.HELD), HoldState.RELEASED, "confirmed",
                com.misdeliveryguard.app.confirm.hold.Decided.byGuard(1), clock.instant())).isTrue();
        store.releasedInto(id, releasedInto);
    }
}
