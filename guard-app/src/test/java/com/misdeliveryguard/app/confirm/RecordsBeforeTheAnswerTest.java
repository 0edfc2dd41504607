package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.spool.QueueState;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY promises 1 and 2, ADR 0005: a 250 is given only when every record the message's next
 * state depends on is committed — the hold record of a held message, the decision log's
 * {@code received} and {@code verdict} entries of every message. When the database cannot commit
 * (here: every commit fails, as with an H2 database that closed itself on a full disk), the client
 * gets {@code 451 4.3.0} and nothing is kept: no spool entry, no hold, no log entry, nothing
 * upstream. Once commits work again, the same message is accepted, held and notified.
 */
class RecordsBeforeTheAnswerTest extends ConfirmTestBase {

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
    void shouldAnswer451ForCleanMailWhenItsDecisionLogEntriesCannotBeCommitted() throws Exception {
        int entriesBefore = rows("audit_entry");
        Submission m = message("記録できない送信").to("鈴木 花子", PARTNER);

        faults.failCommits(true);
        String reply = m.finalReply(listener.port(), false);
        faults.failCommits(false);

        assertThat(reply).startsWith("451 4.3.0");
        assertThat(rows("audit_entry")).isEqualTo(entriesBefore);
        assertThat(deliveriesOf(m)).as("nothing went upstream").isEmpty();

        String id = submit(m, false);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(logOf(id)).startsWith("received", "verdict");
    }
}
