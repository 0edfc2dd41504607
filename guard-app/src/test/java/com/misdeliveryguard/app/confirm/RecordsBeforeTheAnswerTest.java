package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.queue.GuardIntake;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * RELIABILITY promises 1, 2 and 7, ADR 0005: a held message gets its 250 only when its hold record and its
 * {@code received} and {@code verdict} entries are committed; clean mail leaves {@code incoming/} only when its
 * entries are. When the database cannot commit (here: every commit fails, as with an H2 database that closed
 * itself on a full disk), a held message's client gets {@code 451 4.3.0} and nothing is kept: no spool entry, no
 * hold, no log entry, nothing upstream. Clean mail answered before the failure showed waits in {@code incoming/}
 * (nothing upstream), and every message after it is answered 451 until commits work again. Then the held message
 * is accepted, held and notified, and the waiting one is checked again, logged once and delivered.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordsBeforeTheAnswerTest extends ConfirmTestBase {

    @Autowired
    GuardIntake intake;

    @AfterEach
    void commitsWorkAgain() {
        faults.failCommits(false);
    }

    private int rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private long stored() {
        return spool.count(QueueState.INCOMING) + spool.count(QueueState.HOLD) + spool.count(QueueState.OUTGOING)
                + spool.count(QueueState.DEFERRED);
    }

    @Test
    void shouldAnswer451WhenTheHoldRecordCannotBeCommitted() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spool.count(QueueState.OUTGOING) == 0);
        int holdsBefore = rows("confirm_hold");
        int entriesBefore = rows("audit_entry");
        long storedBefore = stored();
        Submission m = message("書けない保留").to("佐藤 一郎", LOOKALIKE);

        faults.failCommits(true);
        String reply = m.finalReply(listener.port(), false);
        faults.failCommits(false);

        assertThat(reply).startsWith("451 4.3.0");
        assertThat(faults.failedCommits()).isPositive();
        assertThat(rows("confirm_hold")).isEqualTo(holdsBefore);
        assertThat(rows("audit_entry")).isEqualTo(entriesBefore);
        assertThat(stored()).as("nothing kept in the spool").isEqualTo(storedBefore);

        String id = submit(m, false);
        assertThat(hold(id).queueId()).isEqualTo(id);
        assertThat(inHoldQueue(id)).isTrue();
        assertThat(logOf(id)).startsWith("received", "verdict");
        awaitNotice(SENDER, "書けない保留");
    }

    @Test
    void shouldKeepCleanMailInIncomingUntilItsLogEntriesCommitAndAnswer451WhileTheyCannot(CapturedOutput output)
            throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spool.count(QueueState.INCOMING) == 0);
        int entriesBefore = rows("audit_entry");
        Submission first = message("記録できない送信").to("鈴木 花子", PARTNER);
        Submission second = message("続けて記録できない送信").to("鈴木 花子", PARTNER);

        faults.failCommits(true);
        // durable and checked: its 250 does not wait for its log entries, which then fail behind it
        String accepted = RawSmtpClient.expect(first.finalReply(listener.port(), false), "250");
        String id = accepted.substring(accepted.lastIndexOf(' ') + 1).strip();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> output.getAll().contains("Cannot commit the records of " + id + " (decision log) after"));
        // from then on every answer waits for the records again
        String reply = second.finalReply(listener.port(), false);
        faults.failCommits(false);

        assertThat(reply).startsWith("451 4.3.0");
        assertThat(rows("audit_entry")).isEqualTo(entriesBefore);
        assertThat(spool.list(QueueState.INCOMING)).as("the acknowledged message waits in incoming/")
                .containsExactly(id);
        assertThat(deliveriesOf(first)).as("nothing went upstream before its entries").isEmpty();
        assertThat(deliveriesOf(second)).isEmpty();

        String next = submit(second, false); // answered after its records, which commit again
        assertThat(logOf(next)).startsWith("received", "verdict");
        assertThat(intake.retryIncoming(clock.instant().minus(Duration.ofMinutes(1)))).as("the queue's tick").isZero();
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> deliveriesOf(first).size() == 1 && deliveriesOf(second).size() == 1);
        assertThat(logOf(id)).startsWith("received", "verdict").containsOnlyOnce("received", "verdict");
    }
}
