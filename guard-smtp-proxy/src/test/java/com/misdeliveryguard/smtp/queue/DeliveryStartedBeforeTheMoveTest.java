package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.delivery.SmtpUpstream;
import com.misdeliveryguard.smtp.delivery.UpstreamSettings;
import com.misdeliveryguard.smtp.listener.MessageIntake.Queued;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0017: the upstream transaction of clean mail starts at its 250, while its records are committed behind, and
 * its end of data waits until the message has left {@code incoming/}: the upstream (a real SMTP server on a socket,
 * through {@link SmtpUpstream}) takes nothing whose records are not committed. When the records fail, the upstream
 * gets no end of data and nothing is recorded; the message waits in {@code incoming/} and is delivered once, later.
 * What the upstream answered before the end of data is recorded only once the message has moved.
 */
class DeliveryStartedBeforeTheMoveTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private static final Duration NOT_BEFORE = Duration.ofMillis(400);
    private final Map<String, CompletableFuture<Void>> behind = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private MutableClock clock;
    private Spool spool;
    private SmtpSink sink;
    private SmtpUpstream upstream;
    private DeliveryQueue queue;
    private GuardIntake intake;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        spool = Spool.open(dir, clock, Durability.FSYNC);
        sink = SmtpSink.start();
        upstream = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                .timeouts(Duration.ofSeconds(5)).localHostName("guard.example.com").build());
        RelayEvents recording = new RelayEvents() {
            @Override
            public CompletionStage<Void> relayedAll(SpooledMessage message, List<RecipientResult> results) {
                results.forEach(r -> events.add("relayed " + message.id() + " " + r.recipient()));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
                events.add("deferred " + message.id() + " " + result.recipient());
            }
        };
        queue = new DeliveryQueue(spool, upstream, RetrySchedule.defaults(), TraceHeader.rfc5321("guard.test"),
                BounceComposer.rfc3464("guard.test", clock), recording, clock, 2);
        IntakeRecords records = new IntakeRecords() {
            @Override
            public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
                events.add("committed " + message.id());
            }

            @Override
            public CompletionStage<Void> commitBehind(SpooledMessage message, Optional<MessageFacts> facts,
                    Verdict verdict) {
                return behind.computeIfAbsent(message.id(), id -> new CompletableFuture<>());
            }
        };
        intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()),
                (envelope, facts) -> Verdict.deliver(), queue, RelayEvents.NONE, records, VerdictReview.NONE);
    }

    @AfterEach
    void stop() throws IOException {
        queue.close();
        upstream.close();
        sink.close();
    }

    @Test
    void theTransactionStartsAtTheAnswerAndItsDataEndsOnlyOnceTheMessageHasMoved() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        assertThat(intake.accept(message)).isEqualTo(new Queued(message.id()));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.dataStarted() == 1);
        Thread.sleep(NOT_BEFORE.toMillis());
        assertThat(sink.transactions()).as("no end of data before the records").isEmpty();
        assertThat(spool.list(QueueState.INCOMING)).containsExactly(message.id());

        behind.get(message.id()).complete(null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(sink.transactions()).singleElement().satisfies(t -> {
            assertThat(t.recipients()).containsExactly("<bob@example.org>");
            assertThat(t.dataAsString()).startsWith("Received: ").endsWith("Subject: x\r\n\r\nx\r\n");
        });
        assertThat(spool.list(QueueState.INCOMING)).isEmpty();
        assertThat(events).containsExactly("relayed " + message.id() + " bob@example.org");
        assertThat(sink.connections()).as("one connection, one transaction").isEqualTo(1);
    }

    @Test
    void whenTheRecordsFailTheUpstreamGetsNoEndOfDataAndTheMessageIsDeliveredOnceLater() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));
        intake.accept(message);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sink.dataStarted() == 1);

        behind.get(message.id()).completeExceptionally(new IllegalStateException("the database cannot commit"));

        Thread.sleep(NOT_BEFORE.toMillis());
        assertThat(sink.transactions()).as("the connection was dropped before the end of data").isEmpty();
        assertThat(spool.list(QueueState.INCOMING)).containsExactly(message.id());
        assertThat(spool.list(QueueState.DEFERRED)).isEmpty();
        assertThat(events).as("nothing recorded of an attempt that sent nothing").isEmpty();

        assertThat(intake.retryIncoming(clock.instant())).isZero(); // checked again, records committed this time

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> spool.list(QueueState.OUTGOING).isEmpty());
        assertThat(sink.transactions()).singleElement()
                .satisfies(t -> assertThat(t.dataAsString()).endsWith("Subject: x\r\n\r\nx\r\n"));
        assertThat(events).containsExactly("committed " + message.id(), "relayed " + message.id() + " bob@example.org");
        assertThat(spool.list(QueueState.INCOMING)).isEmpty();
    }

    @Test
    void aRefusalBeforeTheEndOfDataIsRecordedOnlyOnceTheMessageHasMoved() throws Exception {
        sink.replyToRecipient("bob@example.org", "450 4.2.1 mailbox busy");
        SpooledMessage message = Submitted.to(spool, List.of(BOB));
        intake.accept(message);

        Thread.sleep(NOT_BEFORE.toMillis());
        assertThat(events).isEmpty();
        assertThat(spool.list(QueueState.INCOMING)).containsExactly(message.id());

        behind.get(message.id()).complete(null);

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> spool.list(QueueState.DEFERRED).contains(message.id()));
        assertThat(events).containsExactly("deferred " + message.id() + " bob@example.org");
        assertThat(spool.journal(QueueState.DEFERRED, message.id()).attempts()).isEqualTo(1);
        assertThat(sink.transactions()).isEmpty();
        assertThat(sink.dataStarted()).isZero();
    }

    @Test
    void heldMailStartsNoTransaction() throws Exception {
        intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()),
                (envelope, facts) -> new Verdict(Action.HOLD, List.of(new Finding("lookalike-domain", Severity.HIGH,
                        Optional.empty(), "似たドメイン", "A lookalike domain", Map.of()))), queue,
                RelayEvents.NONE, IntakeRecords.NONE, VerdictReview.NONE);
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        intake.accept(message);

        Thread.sleep(NOT_BEFORE.toMillis());
        assertThat(sink.connections()).isZero();
        assertThat(spool.list(QueueState.HOLD)).containsExactly(message.id());
    }
}
