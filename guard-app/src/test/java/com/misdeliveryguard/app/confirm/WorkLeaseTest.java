package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.hold.HoldStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: the scheduler's work on a hold is leased to one instance. While another instance holds
 * the lease, this one leaves the hold alone; when that instance died with the lease, the work is
 * taken over once the lease runs out, and done once.
 */
class WorkLeaseTest extends ConfirmTestBase {

    private static final String OWN_SENDER = "lease@example.co.jp";

    @Autowired
    HoldStore store;

    @Test
    void theWorkOfAnInstanceThatDiedWithItsLeaseIsTakenOverWhenTheLeaseRunsOut() throws Exception {
        String subject = "止まった別インスタンス";
        // a sender of its own: the hourly notice cap of the shared sender is not this test's business
        String id = submit(message(subject).from(OWN_SENDER).to("佐藤 一郎", LOOKALIKE), false);
        awaitNotice(OWN_SENDER, subject);
        clock.advance(Duration.ofHours(37)); // the reminder is due (half of the 72 h expiry)
        assertThat(store.lease(id, "instance-that-died", clock.instant(), clock.instant().plus(HoldScheduler.LEASE)))
                .isTrue();

        scheduler.tick();
        Thread.sleep(300);
        assertThat(reminders(subject)).as("leased by the other instance").isZero();
        assertThat(store.lease(id, "yet-another-instance", clock.instant(), clock.instant().plus(HoldScheduler.LEASE)))
                .as("a lease is held by one instance at a time").isFalse();

        clock.advance(HoldScheduler.LEASE.plusSeconds(1));
        scheduler.tick();
        awaitNotice(OWN_SENDER, "【再通知・送信保留】" + subject);
        scheduler.tick();
        Thread.sleep(300);
        assertThat(reminders(subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM confirm_hold WHERE queue_id = ? AND lease_owner IS NULL",
                Integer.class, id)).as("the lease is given back when the work is done").isEqualTo(1);
    }

    private long reminders(String subject) throws Exception {
        return Mailbox.of(upstream).to(OWN_SENDER).stream().filter(n -> n.subject().equals("【再通知・送信保留】" + subject))
                .count();
    }
}
