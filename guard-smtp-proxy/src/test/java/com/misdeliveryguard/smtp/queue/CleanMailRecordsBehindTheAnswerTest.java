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
import com.misdeliveryguard.smtp.delivery.DeliveryReport;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.listener.MessageIntake.Queued;
import com.misdeliveryguard.smtp.listener.MessageIntake.TryLater;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
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
 * ADR 0005: clean mail gets its 250 before its records are committed, and leaves {@code incoming/} (so goes
 * upstream) only after they are. When they fail it waits in {@code incoming/}, and the next messages are answered
 * after their records again (451 while those fail) until a commit succeeds; the queue's next tick checks it again,
 * however young. Held mail is always answered after its records. The records here are a test double whose stages
 * the test completes.
 */
class CleanMailRecordsBehindTheAnswerTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private static final Verdict HOLD = new Verdict(Action.HOLD, List.of(new Finding("lookalike-domain",
            Severity.HIGH, Optional.empty(), "似たドメイン", "A lookalike domain", Map.of())));
    private final List<String> records = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> behind = new ConcurrentHashMap<>();
    private final List<String> upstream = new CopyOnWriteArrayList<>();
    private volatile boolean commitsFail;
    private volatile Verdict verdict = Verdict.deliver();
    private MutableClock clock;
    private Spool spool;
    private DeliveryQueue queue;
    private GuardIntake intake;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        spool = Spool.open(dir, clock, Durability.FSYNC);
        queue = new DeliveryQueue(spool, message -> {
            upstream.add(message.queueId());
            return new DeliveryReport(message.recipients().stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Outcome.RELAYED, "250 2.0.0 Ok")).toList());
        }, RetrySchedule.defaults(), TraceHeader.rfc5321("guard.test"), BounceComposer.rfc3464("guard.test", clock),
                RelayEvents.NONE, clock, 1);
        IntakeRecords pending = new IntakeRecords() {
            @Override
            public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
                committed("commit", message);
            }

            @Override
            public void recommit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
                committed("recommit", message);
            }

            @Override
            public CompletionStage<Void> commitBehind(SpooledMessage message, Optional<MessageFacts> facts,
                    Verdict verdict) {
                records.add("behind " + message.id());
                return behind.computeIfAbsent(message.id(), id -> new CompletableFuture<>());
            }
        };
        intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()),
                (envelope, facts) -> verdict, queue, RelayEvents.NONE, pending, VerdictReview.NONE);
    }

    private void committed(String how, SpooledMessage message) {
        if (commitsFail) {
            throw new IllegalStateException("the database cannot commit");
        }
        records.add(how + " " + message.id());
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void cleanMailIsAnsweredFirstAndMovesOnOnceItsRecordsAreCommitted() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        assertThat(intake.accept(message)).isEqualTo(new Queued(message.id()));

        assertThat(records).containsExactly("behind " + message.id());
        assertThat(spool.list(QueueState.INCOMING)).containsExactly(message.id());
        assertThat(upstream).isEmpty();

        behind.get(message.id()).complete(null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> upstream.contains(message.id()));
        assertThat(spool.list(QueueState.INCOMING)).isEmpty();
    }

    @Test
    void aMessageWaitingForItsRecordsIsNotCheckedAgainByTheTick() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));
        intake.accept(message);

        assertThat(intake.retryIncoming(clock.instant().plus(Duration.ofDays(1)))).isZero();

        assertThat(records).containsExactly("behind " + message.id());
    }

    @Test
    void whenTheRecordsFailBehindTheMessageWaitsAndTheNextAreAnsweredAfterTheirRecords() throws Exception {
        SpooledMessage first = Submitted.to(spool, List.of(BOB));
        intake.accept(first);
        commitsFail = true;
        behind.get(first.id()).completeExceptionally(new IllegalStateException("the database cannot commit"));

        SpooledMessage second = Submitted.to(spool, List.of(BOB));
        assertThat(intake.accept(second)).isInstanceOf(TryLater.class);

        assertThat(spool.list(QueueState.INCOMING)).as("the acknowledged one waits; the refused one is gone")
                .containsExactly(first.id());
        assertThat(upstream).isEmpty();

        commitsFail = false;
        SpooledMessage third = Submitted.to(spool, List.of(BOB));
        assertThat(intake.accept(third)).isEqualTo(new Queued(third.id()));
        // the tick checks it again at once: no message is older than now, but this one's records failed
        assertThat(intake.retryIncoming(clock.instant())).isZero();
        SpooledMessage fourth = Submitted.to(spool, List.of(BOB));
        intake.accept(fourth);

        assertThat(records).containsExactly("behind " + first.id(), "commit " + third.id(), "recommit " + first.id(),
                "behind " + fourth.id());
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> upstream.containsAll(List.of(first.id(), third.id())));
        assertThat(spool.list(QueueState.INCOMING)).containsExactly(fourth.id());
    }

    @Test
    void heldMailIsAnsweredOnlyAfterItsRecords() throws Exception {
        verdict = HOLD;
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        assertThat(intake.accept(message)).isEqualTo(new Queued(message.id()));

        assertThat(records).containsExactly("commit " + message.id());
        assertThat(spool.list(QueueState.HOLD)).containsExactly(message.id());
    }
}
