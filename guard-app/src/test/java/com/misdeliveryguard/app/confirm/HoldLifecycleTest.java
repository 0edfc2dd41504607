package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.core.message.MessageFactsParser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.notify.Notifier;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hold's life on the fake clock: one reminder at half the expiry, then expiry (discard and tell
 * the sender, or deliver when so configured); a DELAY goes out when its grace period ends unless
 * cancelled ("undo send"); with approval after the sender, nothing goes out until the approver approves;
 * with approval instead of the sender, only the approver gets a link.
 */
class HoldLifecycleTest extends ConfirmTestBase {

    @Autowired
    MessageFactsParser parser;

    @Autowired
    SpoolActions spoolActions;

    @Autowired
    com.misdeliveryguard.app.confirm.hold.HeldContent content;

    @Autowired
    HoldStore store;

    @Autowired
    Notifier notifier;

    @Autowired
    DecisionTrail trail;

    @Autowired
    SenderDepartments departments;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anUnattendedHoldGetsOneReminderThenExpiresAndTheSenderIsTold() throws Exception {
        Submission m = message("放置された保留").to("佐藤 一郎", LOOKALIKE);
        String id = submit(m, false);
        String link = local(awaitNotice(SENDER, "放置された保留").link().orElseThrow());

        clock.advance(Duration.ofHours(35));
        scheduler.tick();
        assertThat(Mailbox.of(upstream).to(SENDER).stream().filter(n -> n.subject().equals("【再通知・送信保留】放置された保留")))
                .isEmpty();
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        scheduler.tick();
        Mailbox.Notice reminder = awaitNotice(SENDER, "【再通知・送信保留】放置された保留");
        assertThat(reminder.link()).isPresent().isNotEqualTo(Optional.of(link));
        scheduler.tick();
        assertThat(Mailbox.of(upstream).to(SENDER).stream().filter(n -> n.subject().contains("再通知・送信保留】放置"))).hasSize(1);
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.HELD);

        clock.advance(Duration.ofHours(37));
        scheduler.tick();
        HeldMessage expired = holds.find(id).orElseThrow();
        assertThat(expired.state()).isEqualTo(HoldState.EXPIRED);
        assertThat(expired.outcome()).hasValue("expired-discarded");
        assertThat(inHoldQueue(id)).isFalse();
        Mailbox.Notice told = awaitNotice(SENDER, "【期限切れ・破棄】放置された保留");
        assertThat(told.link()).isEmpty();
        assertThat(told.text()).contains("破棄しました").contains("discarded");
        assertThat(deliveriesOf(m)).isEmpty();
        assertThat(logOf(id)).containsSubsequence("notified", "reminded", "expired");
        assertThat(client().get(link).statusCode()).isEqualTo(404);
        assertThat(client().get(local(reminder.link().get())).statusCode()).isEqualTo(404);
    }

    @Test
    void expiryActionDeliverSendsTheMessageAsItWas() throws Exception {
        Expiry delivering = new Expiry(store, spoolActions, new TransactionTemplate(transactions), notifier, trail, departments,
                true, clock);
        Submission m = message("期限で送信").to("佐藤 一郎", LOOKALIKE).cc("鈴木 花子", PARTNER);
        String id = submit(m, false);
        awaitNotice(SENDER, "期限で送信");
        clock.advance(Duration.ofHours(73));
        assertThat(delivering.expire(holds.find(id).orElseThrow())).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(deliveriesOf(m).get(0).recipients()).containsExactlyInAnyOrder("<" + LOOKALIKE + ">",
                "<" + PARTNER + ">");
        assertThat(holds.find(id).orElseThrow().outcome()).hasValue("expired-delivered");
        assertThat(awaitNotice(SENDER, "【期限切れ・送信済み】期限で送信").text()).contains("sent as it was");
    }

    @Test
    void aDelayedMessageGoesOutWhenTheGracePeriodEnds() throws Exception {
        Submission m = message("[delay] 予約送信").to("鈴木 花子", PARTNER);
        String id = submit(m, false);
        Mailbox.Notice notice = awaitNotice(SENDER, "【送信予約】[delay] 予約送信");
        assertThat(notice.link()).isPresent();
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.DELAYED);
        assertThat(client().get(local(notice.link().get())).body()).contains("に送信されます");

        clock.advance(Duration.ofMinutes(9));
        scheduler.tick();
        assertThat(deliveriesOf(m)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        scheduler.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(SendAfterConfirmationTest.afterTraceHeader(deliveriesOf(m).get(0).data())).isEqualTo(m.bytes());
        assertThat(holds.find(id).orElseThrow().outcome()).hasValue("delivered-after-delay");
    }

    @Test
    void aDelayedMessageCancelledFromTheLinkNeverGoesOut() throws Exception {
        Submission m = message("[delay] 取り消す予約").to("鈴木 花子", PARTNER);
        String id = submit(m, false);
        String link = local(awaitNotice(SENDER, "【送信予約】[delay] 取り消す予約").link().orElseThrow());
        ConfirmClient c = client();
        assertThat(c.post(link, Map.of("_csrf", List.of(c.csrf(link)), "action", List.of("cancel"), "really",
                List.of("yes"))).statusCode())
                .isEqualTo(302);
        clock.advance(Duration.ofMinutes(11));
        scheduler.tick();
        Thread.sleep(300);
        assertThat(deliveriesOf(m)).isEmpty();
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(inHoldQueue(id)).isFalse();
    }

    @Test
    void withApprovalAfterTheSenderTheApproverReleases() throws Exception {
        Submission m = message("[approve] 社外秘資料").to("鈴木 花子", PARTNER).cc("佐藤 一郎", LOOKALIKE);
        String id = submit(m, false);
        String senderLink = local(awaitNotice(SENDER, "[approve] 社外秘資料").link().orElseThrow());
        ConfirmClient sender = client();
        assertThat(sender.post(senderLink, Map.of("_csrf", List.of(sender.csrf(senderLink)), "action", List.of("send"),
                "confirm", List.of(PARTNER), "exclude", List.of(LOOKALIKE))).statusCode()).isEqualTo(302);
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.AWAITING_APPROVAL);
        assertThat(sender.get(senderLink).body()).contains("承認者の承認後に送信されます");
        Thread.sleep(300);
        assertThat(deliveriesOf(m)).isEmpty();

        Mailbox.Notice request = awaitNotice(APPROVER, "【承認依頼】[approve] 社外秘資料");
        String approverLink = local(request.link().orElseThrow());
        ConfirmClient approver = client();
        String page = approver.get(approverLink).body();
        assertThat(page).contains("承認して送信").contains(PARTNER).contains("送信者が除外した宛先");
        assertThat(approver.post(approverLink, Map.of("_csrf", List.of(approver.csrf(approverLink)), "action",
                List.of("send"), "confirm", List.of(PARTNER))).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(deliveriesOf(m).get(0).recipients()).containsExactly("<" + PARTNER + ">");
        assertThat(holds.find(id).orElseThrow().decided().orElseThrow().by()).isEqualTo(APPROVER);
        assertThat(logOf(id)).containsSubsequence("notified", "partially-confirmed", "notified", "partially-confirmed");
    }

    @Test
    void withApprovalInsteadOfTheSenderOnlyTheApproverGetsALink() throws Exception {
        ConfirmProperties instead = new ConfirmProperties(null, null, null, null, null,
                Map.of("keyword", List.of(APPROVER)), ConfirmProperties.ApprovalMode.INSTEAD, null, null, null, null,
                null, null, null, null);
        Submission m = message("[approve] 承認者だけが決める").to("鈴木 花子", PARTNER);
        String id = heldAs(m, new HoldFactory(instead, new NotifyAddress(List.of())), new Verdict(Action.HOLD,
                List.of(new Finding("keyword", Severity.MEDIUM, Optional.empty(), "社外秘", "Confidential", Map.of()))));
        scheduler.tick();
        Mailbox.Notice pending = awaitNotice(SENDER, "【承認待ち】[approve] 承認者だけが決める");
        assertThat(pending.link()).isEmpty();
        assertThat(pending.text()).contains(APPROVER);
        String link = local(awaitNotice(APPROVER, "【承認依頼】[approve] 承認者だけが決める").link().orElseThrow());
        ConfirmClient approver = client();
        assertThat(approver.post(link, Map.of("_csrf", List.of(approver.csrf(link)), "action", List.of("cancel"),
                "really", List.of("yes")))
                .statusCode()).isEqualTo(302);
        assertThat(holds.find(id).orElseThrow().outcome()).hasValue("rejected");
        assertThat(approver.get(link).body()).contains("却下しました");
        assertThat(inHoldQueue(id)).isFalse();
        assertThat(deliveriesOf(m)).isEmpty();
    }

    private String heldAs(Submission m, HoldFactory factory, Verdict verdict) throws Exception {
        Envelope envelope = new Envelope(ReversePath.of(MailAddress.of(SENDER)),
                m.envelope().stream().map(MailAddress::of).toList(), Optional.empty(), "127.0.0.1", "client.test",
                false, true, clock.instant());
        SpooledMessage spooled;
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = m.bytes();
            writer.write(bytes, 0, bytes.length);
            spooled = writer.commit(envelope, SpooledMessage.Origin.SMTP);
        }
        MessageFacts facts = parser.parse(new ByteArrayInputStream(m.bytes()), envelope.recipients());
        store.insert(factory.of(spooled, Optional.of(facts), verdict, clock.instant()));
        try (var bytes = spool.openContent(QueueState.INCOMING, spooled.id())) {
            content.store(spooled, bytes, List.of(), clock.instant());
        }
        spool.delete(QueueState.INCOMING, spooled.id());
        return spooled.id();
    }
}
