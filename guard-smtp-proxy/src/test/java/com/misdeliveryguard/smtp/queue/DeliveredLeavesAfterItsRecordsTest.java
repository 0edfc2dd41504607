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
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listeners record a delivery behind the worker (ADR 0014): a delivered message leaves {@code outgoing/}
 * only once they have, and a message a previous run left in the spool tells them again which recipients its
 * journal says were relayed, so that a crash between the journal and those records loses none of them.
 */
class DeliveredLeavesAfterItsRecordsTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private static final MailAddress CAROL = MailAddress.of("carol@example.org");
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> recorded = new CompletableFuture<>();
    /** How many times the listener has yet to fail to record the earlier deliveries. */
    private final AtomicInteger earlierRecordsFail = new AtomicInteger();
    private Spool spool;
    private DeliveryQueue queue;
    private MutableClock clock;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        spool = Spool.open(dir, clock, Durability.FSYNC);
        RelayEvents listener = new RelayEvents() {
            @Override
            public CompletionStage<Void> relayedAll(SpooledMessage message, List<RecipientResult> results) {
                told.add("relayed " + message.id() + " " + results.stream().map(r -> r.recipient().toString()).toList());
                return recorded;
            }

            @Override
            public boolean relayedEarlier(SpooledMessage message, List<RecipientResult> results) {
                told.add("earlier " + message.id() + " "
                        + results.stream().map(r -> r.recipient() + " " + r.reply()).toList());
                return earlierRecordsFail.getAndDecrement() <= 0;
            }
        };
        queue = new DeliveryQueue(spool, message -> {
            message.recipients().forEach(r -> sent.add(message.queueId() + " " + r));
            return new DeliveryReport(message.recipients().stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Outcome.RELAYED, "250 2.0.0 Ok")).toList());
        }, RetrySchedule.defaults(), TraceHeader.rfc5321("guard.test"), BounceComposer.rfc3464("guard.test", clock),
                RelayEvents.all(List.of(listener)), clock, 2);
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void aDeliveredMessageStaysInOutgoingUntilItsDeliveriesAreRecorded() throws Exception {
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);

        queue.enqueue(id);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> told.contains("relayed " + id + " [bob@example.org, carol@example.org]"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> spool.list(QueueState.OUTGOING).contains(id));
        recorded.complete(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(sent).containsExactly(id + " bob@example.org", id + " carol@example.org");
    }

    @Test
    void aDeliveredMessageWhoseRecordsFailedStaysAndTellsThemAgainAtTheNextAttemptWithoutBeingSentAgain()
            throws Exception {
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);
        queue.enqueue(id);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> told.contains("relayed " + id + " [bob@example.org, carol@example.org]"));

        recorded.completeExceptionally(new IllegalStateException("the decision log is unreachable"));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> spool.list(QueueState.OUTGOING).contains(id));
        clock.advance(Duration.ofMinutes(10));
        queue.runDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(told).containsExactly("relayed " + id + " [bob@example.org, carol@example.org]",
                "earlier " + id + " [bob@example.org 250 2.0.0 Ok, carol@example.org 250 2.0.0 Ok]");
        assertThat(sent).containsExactly(id + " bob@example.org", id + " carol@example.org");
    }

    @Test
    void aMessageLeftByAnEarlierRunTellsWhomItsJournalSaysWereRelayedAndIsSentToTheOthersOnly() throws Exception {
        String id = leftByAnEarlierRunWithBobRelayed();

        queue.resume(Map.of(QueueState.OUTGOING, List.of(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(told).containsExactly("earlier " + id + " [bob@example.org 250 2.0.0 Ok: queued as A1]",
                "relayed " + id + " [carol@example.org]");
        assertThat(sent).containsExactly(id + " carol@example.org");
    }

    @Test
    void aMessageWhoseEarlierDeliveriesCannotBeRecordedWaitsUnsentUntilTheyAre() throws Exception {
        String id = leftByAnEarlierRunWithBobRelayed();
        earlierRecordsFail.set(1);

        queue.resume(Map.of(QueueState.OUTGOING, List.of(id)));

        await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> spool.list(QueueState.OUTGOING).contains(id));
        assertThat(sent).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        queue.runDue();

        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        String earlier = "earlier " + id + " [bob@example.org 250 2.0.0 Ok: queued as A1]";
        assertThat(told).containsExactly(earlier, earlier, "relayed " + id + " [carol@example.org]");
        assertThat(sent).containsExactly(id + " carol@example.org");
    }

    @Test
    void aMessageDeliveredInThisRunIsNotToldAgain() throws Exception {
        recorded.complete(null);
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);

        queue.enqueue(id);

        await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(told).containsExactly("relayed " + id + " [bob@example.org, carol@example.org]");
    }

    /** In {@code outgoing/}, its journal saying Bob was relayed; the listener records what it is told at once. */
    private String leftByAnEarlierRunWithBobRelayed() throws IOException {
        String id = committed();
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);
        spool.recordRelayed(QueueState.OUTGOING, id, Map.of(BOB, "250 2.0.0 Ok: queued as A1"), Map.of());
        recorded.complete(null);
        return id;
    }

    private String committed() throws IOException {
        return Submitted.to(spool, List.of(BOB, CAROL)).id();
    }
}
