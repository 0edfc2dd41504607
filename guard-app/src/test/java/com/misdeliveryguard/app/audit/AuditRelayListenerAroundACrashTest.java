package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.RecipientDescriber;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.directory.testing.TestDatabase;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay path's entries around a crash. The {@code delivered} entries are appended behind the delivery workers,
 * in batches (ADR 0014); after a crash the recipients a message's journal says were relayed are told again, and only
 * those the log lacks are added. A message found in {@code incoming/} after a restart is checked again and its records
 * committed again ({@code IntakeRecords#recommit}): when a kill came after the first commit and before the message
 * left {@code incoming/}, the log already has its received and verdict entries and must not get them twice (found by
 * {@code bench/run --kill9}: two of 397 messages were logged twice; ADR 0005).
 */
class AuditRelayListenerAroundACrashTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private static final MailAddress CAROL = MailAddress.of("carol@example.org");

    @TempDir
    Path dataDir;
    private TestDatabase database;
    private AuditFixture fixture;
    private AuditRelayListener listener;

    @BeforeEach
    void start() {
        database = TestDatabase.h2();
        fixture = new AuditFixture(database.dataSource(), dataDir, 1000);
        listener = fixture.relayListener();
    }

    @AfterEach
    void stop() {
        listener.close();
        database.close();
    }

    @Test
    void theDeliveriesOfSeveralWorkersAreAppendedTogetherAndEachStageCompletesWhenItsEntriesAreCommitted()
            throws Exception {
        List<CompletableFuture<Void>> stages = List.of("Q1", "Q2", "Q3").stream()
                .map(id -> listener.relayedAll(message(id), List.of(relayed(BOB, "250 ok " + id))).toCompletableFuture())
                .toList();
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<LogEntry> entries = fixture.queries.history("Q1");
        assertThat(entries).extracting(LogEntry::type).containsExactly("delivered");
        assertThat(fixture.queries.history("Q3")).hasSize(1);
        assertThat(fixture.log.head().lastSeq()).isEqualTo(3);
        assertThat(fixture.chainCheck.verify().intact()).isTrue();
    }

    @Test
    void afterACrashOnlyTheDeliveriesTheLogLacksAreAppendedAndNothingTwice() throws Exception {
        listener.relayedAll(message("Q1"), List.of(relayed(BOB, "250 ok A1"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(listener.relayedEarlier(message("Q1"), List.of(relayed(BOB, "250 ok A1"),
                relayed(CAROL, "250 ok A2")))).isTrue();
        assertThat(listener.relayedEarlier(message("Q1"), List.of(relayed(BOB, "250 ok A1"),
                relayed(CAROL, "250 ok A2")))).isTrue();

        List<LogEntry> delivered = fixture.queries.history("Q1");
        assertThat(delivered).extracting(e -> CanonicalJson.parseObject(e.details()).get("rcptTo"))
                .containsExactly(List.of("bob@example.org"), List.of("carol@example.org"));
    }

    @Test
    void theRecipientsOfOneReplyAreOneEntryAndAfterACrashOnlyTheRecipientsTheLogLacksAreAdded() throws Exception {
        MailAddress dave = MailAddress.of("dave@example.org");
        listener.relayedAll(message("Q1"), List.of(relayed(BOB, "250 OK"), relayed(CAROL, "250 OK")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(fixture.queries.history("Q1")).extracting(e -> CanonicalJson.parseObject(e.details()).get("rcptTo"))
                .containsExactly(List.of("bob@example.org", "carol@example.org"));

        // a later attempt delivered to dave with the same reply; the journal names all three, in any order
        assertThat(listener.relayedEarlier(message("Q1"), List.of(relayed(dave, "250 OK"), relayed(CAROL, "250 OK"),
                relayed(BOB, "250 OK")))).isTrue();

        List<LogEntry> entries = fixture.queries.history("Q1");
        assertThat(entries).extracting(e -> CanonicalJson.parseObject(e.details()).get("rcptTo"))
                .containsExactly(List.of("bob@example.org", "carol@example.org"), List.of("dave@example.org"));
        assertThat(fixture.chainCheck.verify().intact()).isTrue();
    }

    @Test
    void aDeliveredEntryOfTheFormerShapeCountsItsOneRecipientAsLogged() {
        LogEntry former = new LogEntry(7, Instant.parse("2026-12-01T09:00:00Z"), "delivered", Optional.of("Q1"),
                Optional.empty(), "{\"mailFrom\":\"alice@example.com\",\"recipient\":\"bob@example.org\","
                        + "\"reply\":\"250 ok\"}", LogEntry.GENESIS, "");
        AuditRelayListener afterUpgrade = new AuditRelayListener(fixture.log, RecipientDescriber.NONE,
                id -> List.of(former), new SimpleMeterRegistry());
        try {
            assertThat(afterUpgrade.relayedEarlier(message("Q1"), List.of(relayed(BOB, "250 ok"),
                    relayed(CAROL, "250 ok")))).isTrue();
        } finally {
            afterUpgrade.close();
        }

        assertThat(fixture.queries.history("Q1")).extracting(e -> CanonicalJson.parseObject(e.details()).get("rcptTo"))
                .containsExactly(List.of("carol@example.org"));
    }

    @Test
    void earlierDeliveriesTheLogCannotTakeAreNotClaimedRecorded() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN"); // the next connection finds an empty database, without the log's tables
        }

        assertThat(listener.relayedEarlier(message("Q1"), List.of(relayed(BOB, "250 ok A1")))).isFalse();
    }

    @Test
    void aBounceToldAfterADeliveryOfTheSameMessageFollowsItInTheLog() {
        listener.relayedAll(message("Q1"), List.of(relayed(BOB, "250 ok")));
        listener.bounced(message("Q1"), new RecipientResult(CAROL, RecipientResult.Outcome.PERMANENT_FAILURE,
                "550 no such user"));

        assertThat(fixture.queries.history("Q1")).extracting(LogEntry::type).containsExactly("delivered", "bounced");
    }

    @Test
    void theEntriesCommittedBeforeTheCrashAreNotAppendedAgain() {
        listener.commit(message("Q1"), facts(), Verdict.deliver());

        listener.recommit(message("Q1"), facts(), Verdict.deliver());
        listener.recommit(message("Q1"), facts(), Verdict.deliver());

        assertThat(fixture.queries.history("Q1")).extracting(LogEntry::type).containsExactly("received", "verdict");
        assertThat(fixture.chainCheck.verify().intact()).isTrue();
    }

    @Test
    void aVerdictOtherThanTheOneLoggedIsAppendedForItIsTheOneActedOn() {
        listener.commit(message("Q1"), facts(), Verdict.deliver());

        listener.recommit(message("Q1"), facts(), new Verdict(Action.HOLD, List.of(new Finding("unknown-recipient",
                Severity.HIGH, Optional.of(BOB), "宛先がアドレス帳にありません。", "The recipient is not in the directory.",
                Map.of()))));

        List<LogEntry> entries = fixture.queries.history("Q1");
        assertThat(entries).extracting(LogEntry::type).containsExactly("received", "verdict", "verdict");
        assertThat(CanonicalJson.parseObject(entries.get(2).details())).containsEntry("action", "HOLD");
    }

    @Test
    void aMessageWhoseRecordsTheCrashCutOffIsLoggedInFull() {
        listener.recommit(message("Q1"), facts(), Verdict.deliver());

        assertThat(fixture.queries.history("Q1")).extracting(LogEntry::type).containsExactly("received", "verdict");
    }

    @Test
    void aNewMessageIsLoggedWithoutReadingTheLogFirst() {
        AuditRelayListener withoutHistory = new AuditRelayListener(fixture.log, RecipientDescriber.NONE, id -> {
            throw new AssertionError("the log was read for a message checked for the first time");
        }, new SimpleMeterRegistry());
        try {
            withoutHistory.commit(message("Q2"), facts(), Verdict.deliver());
        } finally {
            withoutHistory.close();
        }

        assertThat(fixture.queries.history("Q2")).extracting(LogEntry::type).containsExactly("received", "verdict");
    }

    private static Optional<MessageFacts> facts() {
        String mail = "From: alice@example.com\r\nTo: bob@example.org\r\nSubject: 見積書\r\n"
                + "Message-ID: <q1@example.com>\r\n\r\nbody\r\n";
        try {
            return Optional.of(new MessageFactsParser(MessageFactsParser.Limits.defaults())
                    .parse(new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8)), List.of(BOB)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RecipientResult relayed(MailAddress to, String reply) {
        return new RecipientResult(to, RecipientResult.Outcome.RELAYED, reply);
    }

    private static SpooledMessage message(String id) {
        return new SpooledMessage(id, new Envelope(ReversePath.of(MailAddress.of("alice@example.com")),
                List.of(BOB, CAROL), Optional.empty(), "127.0.0.1", "client.test", false, true,
                Instant.parse("2026-12-07T09:00:00Z")), 100, "0".repeat(64), SpooledMessage.Origin.SMTP);
    }
}
