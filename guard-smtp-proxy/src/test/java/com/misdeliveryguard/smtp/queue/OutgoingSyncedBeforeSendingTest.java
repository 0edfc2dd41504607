package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.delivery.DeliveryReport;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake moves a checked message to {@code outgoing/} without an fsync (ADR 0014); delivery syncs
 * {@code outgoing/} before it sends anything, so that nothing leaves whose move a crash could undo. A
 * message that arrived by a synced move (a release, a retry) is sent without syncing the directory again.
 */
class OutgoingSyncedBeforeSendingTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Spool spool;
    private DeliveryQueue queue;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
        spool = Spool.open(dir, clock, new Durability() {
            @Override
            public void force(FileChannel file) throws IOException {
                file.force(true);
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                events.add("sync " + directory.getFileName());
                FSYNC.forceDirectory(directory);
            }
        });
        queue = new DeliveryQueue(spool, message -> {
            events.add("send " + message.queueId());
            return new DeliveryReport(message.recipients().stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Outcome.RELAYED, "250 2.0.0 Ok")).toList());
        }, RetrySchedule.defaults(), TraceHeader.rfc5321("guard.test"), BounceComposer.rfc3464("guard.test", clock),
                RelayEvents.NONE, clock, 1);
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void theIntakesUnsyncedMoveIsSyncedBeforeTheMessageIsSent() throws Exception {
        String id = committed();
        spool.moveUnsynced(id, QueueState.INCOMING, QueueState.OUTGOING);
        events.clear();

        queue.enqueueUnsynced(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("send " + id));
        assertThat(events.subList(0, events.indexOf("send " + id))).contains("sync outgoing");
    }

    @Test
    void aMessageMovedWithItsSyncIsSentWithoutAnotherSyncOfOutgoing() throws Exception {
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.HOLD);
        queue.release(id, List.of(BOB), "confirmed");

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("send " + id));
        List<String> beforeSending = events.subList(0, events.indexOf("send " + id));
        int moved = beforeSending.lastIndexOf("sync hold");
        assertThat(beforeSending.subList(0, moved)).as("the release's move synced outgoing/").contains("sync outgoing");
        assertThat(beforeSending.subList(moved + 1, beforeSending.size())).doesNotContain("sync outgoing");
    }

    private String committed() throws IOException {
        return Submitted.to(spool, List.of(BOB)).id();
    }

    /**
     * A delivered message whose removal from outgoing/ did not happen (a crash between the journal and the removal):
     * its journal, complete, keeps it from being sent again; the next attempt only removes it.
     */
    @Test
    void aDeliveredMessageWhoseRemovalACrashUndidIsNotSentAgain() throws Exception {
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);
        spool.recordRelayed(QueueState.OUTGOING, id, java.util.Map.of(BOB, "250 2.0.0 Ok"), java.util.Map.of());
        events.clear();

        queue.resume(java.util.Map.of(QueueState.OUTGOING, List.of(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(events).as("nothing sent").noneMatch(e -> e.startsWith("send"));
    }
}
