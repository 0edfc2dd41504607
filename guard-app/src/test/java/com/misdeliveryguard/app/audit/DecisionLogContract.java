package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.ChainBreak.Problem;
import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.NoticeQueued;
import com.misdeliveryguard.core.audit.RecipientOutcome;
import com.misdeliveryguard.core.audit.RecipientsDelivered;
import com.misdeliveryguard.core.audit.Verification;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every database holding the decision log must do (STYLE habit 10): H2 and PostgreSQL run the
 * same tests. Each test gets a fresh, migrated database through {@link #fixture()}.
 */
interface DecisionLogContract {

    AuditFixture fixture();

    /** A second log on the same database: another instance of the guard. */
    AuditFixture secondInstance();

    /** Moves the chain's head back to entry {@code seq} (as an attacker with database access would). */
    private static void rewindHeadTo(AuditFixture f, long seq) {
        String hash = f.jdbc.queryForObject("SELECT hash FROM audit_entry WHERE seq = ?", String.class, seq);
        f.jdbc.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, hash);
    }

    private static void assertFirstBreak(AuditFixture f, long seq, Problem problem) {
        assertThat(f.chainCheck.verify().firstBreak()).get().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(seq);
            assertThat(b.problem()).isEqualTo(problem);
        });
    }

    private static List<LogEntry> appendAccesses(AuditFixture f, int n) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(f.log.append(Events.access("auditor", i)));
        }
        return entries;
    }

    @Test
    default void shouldNumberEntriesFromOneAndChainEachToThePreviousOne() {
        AuditFixture f = fixture();
        List<LogEntry> entries = appendAccesses(f, 3);
        assertThat(entries).extracting(LogEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(entries.get(0).prevHash()).isEqualTo(LogEntry.GENESIS);
        assertThat(entries.get(2).prevHash()).isEqualTo(entries.get(1).hash());
        assertThat(f.chainCheck.verify().intact()).isTrue();
    }

    @Test
    default void shouldNeverLetTimeGoBackwardsAlongTheSequence() {
        AuditFixture f = fixture();
        LogEntry first = f.log.append(Events.access("a", 1));
        f.clock.advance(Duration.ofMinutes(-5));
        LogEntry second = f.log.append(Events.access("a", 2));
        assertThat(second.time()).isEqualTo(first.time());
        assertThat(f.chainCheck.verify().intact()).isTrue();
    }

    @Test
    default void shouldAppendFromManyThreadsAndTwoInstancesWithoutGapsOrForks() throws Exception {
        AuditFixture one = fixture();
        AuditFixture two = secondInstance();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            AuditFixture f = t % 2 == 0 ? one : two;
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    f.log.append(Events.access("thread" + thread, i));
                }
            }));
        }
        for (Future<?> d : done) {
            d.get();
        }
        pool.shutdown();
        assertThat(one.jdbc.queryForList("SELECT seq FROM audit_entry ORDER BY seq", Long.class))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
        Verification v = one.chainCheck.verify();
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.lastSeq()).isEqualTo(200);
    }

    @Test
    default void shouldNameAnEditedEntry() {
        AuditFixture f = fixture();
        appendAccesses(f, 5);
        f.jdbc.update("UPDATE audit_entry SET details = REPLACE(details, 'auditor', 'mallory') WHERE seq = 3");
        assertThat(f.chainCheck.verify().firstBreak()).get().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.ALTERED);
        });
    }

    @Test
    default void shouldNameADeletedEntry() {
        AuditFixture f = fixture();
        appendAccesses(f, 5);
        f.jdbc.update("DELETE FROM audit_entry WHERE seq = 2");
        assertThat(f.chainCheck.verify().firstBreak()).get().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(Problem.MISSING);
        });
    }

    @Test
    default void shouldNameTheFirstOfTwoSwappedEntries() {
        AuditFixture f = fixture();
        List<LogEntry> e = appendAccesses(f, 5);
        f.jdbc.update("UPDATE audit_entry SET seq = -1 WHERE seq = 3");
        f.jdbc.update("UPDATE audit_entry SET seq = 3 WHERE seq = 4");
        f.jdbc.update("UPDATE audit_entry SET seq = 4 WHERE seq = -1");
        assertThat(f.chainCheck.verify().firstBreak()).get().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(Problem.ALTERED);
        });
        assertThat(e).hasSize(5);
    }

    @Test
    default void shouldDetectACutOffTailAgainstTheCheckpointFile() {
        AuditFixture f = fixture();
        appendAccesses(f, 6);
        assertThat(f.checkpoints.signHead()).isPresent();
        // the attacker rewinds the head, removes the tail and deletes the table's checkpoints
        rewindHeadTo(f, 3);
        f.jdbc.update("DELETE FROM audit_entry WHERE seq > 3");
        f.jdbc.update("DELETE FROM audit_checkpoint");
        assertThat(f.checkpoints.signHead()).as("signing the cut chain would overwrite the evidence in the file")
                .isEmpty();
        assertFirstBreak(f, 4, Problem.TRUNCATED);
    }

    @Test
    default void shouldDetectAHeadMovedBackOverEntriesThatStillExist() {
        AuditFixture f = fixture();
        appendAccesses(f, 5);
        rewindHeadTo(f, 3);
        assertFirstBreak(f, 4, Problem.HEAD_MOVED_BACK);
    }

    @Test
    default void shouldSignACheckpointEveryNEntries() {
        AuditFixture f = fixture();
        appendAccesses(f, 7);
        assertThat(f.jdbc.queryForList("SELECT seq FROM audit_checkpoint ORDER BY seq", Long.class))
                .containsExactly(5L);
    }

    @Test
    default void shouldDeleteEntriesPastRetentionRecordTheDeletionAndStayVerifiable() {
        AuditFixture f = fixture();
        appendAccesses(f, 4);
        f.clock.advance(Duration.ofDays(300));
        appendAccesses(f, 2);
        f.clock.advance(Duration.ofDays(150));
        LogEntry retention = f.retention.apply().orElseThrow();
        assertThat(retention.type()).isEqualTo("retention");
        assertThat(retention.details()).contains("\"deletedThrough\":4").contains("\"deletedCount\":4");
        assertThat(f.jdbc.queryForObject("SELECT MIN(seq) FROM audit_entry", Long.class)).isEqualTo(5);
        Verification v = f.chainCheck.verify();
        assertThat(v.intact()).as(v.summary()).isTrue();
        assertThat(v.firstSeq()).isEqualTo(5);
        assertThat(f.retention.apply()).isEmpty();
    }

    @Test
    default void shouldDetectOldEntriesDeletedOutsideRetention() {
        AuditFixture f = fixture();
        appendAccesses(f, 5);
        String hash2 = f.jdbc.queryForObject("SELECT hash FROM audit_entry WHERE seq = 2", String.class);
        f.jdbc.update("DELETE FROM audit_entry WHERE seq <= 2");
        f.jdbc.update("UPDATE audit_chain_head SET anchor_seq = 2, anchor_hash = ? WHERE id = 1", hash2);
        assertThat(f.chainCheck.verify().firstBreak()).get().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(1);
            assertThat(b.problem()).isEqualTo(Problem.HEAD_REMOVED);
        });
    }

    @Test
    default void shouldFilterByEveryTermAndPageWithKeysets() {
        AuditFixture f = fixture();
        for (int i = 0; i < 30; i++) {
            String q = "Q" + i;
            f.log.append(Events.received(q, "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"));
            f.log.append(i % 3 == 0
                    ? Events.held(q, "tanaka@example.co.jp", "sato@aoba-shoji.co.jp", "lookalike-domain", "青葉商事", "営業部")
                    : Events.delivered(q, "suzuki@example.co.jp", "kato@example.com"));
            f.clock.advance(Duration.ofHours(1));
        }
        AuditFilter byRule = new AuditFilter(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of("TANAKA@example.co.jp"), java.util.Optional.of("@aoba-shoji.co.jp"),
                java.util.Optional.of("青葉商事"), java.util.Optional.of("営業部"),
                java.util.Optional.of("lookalike-domain"), java.util.Optional.of("hold"));
        AuditPage first = f.queries.page(byRule, java.util.Optional.empty(), java.util.Optional.empty(), 4);
        assertThat(first.entries()).extracting(LogEntry::queueId).extracting(java.util.Optional::get)
                .containsExactly("Q27", "Q24", "Q21", "Q18");
        AuditPage second = f.queries.page(byRule, first.older(), java.util.Optional.empty(), 4);
        assertThat(second.entries()).extracting(e -> e.queueId().get()).containsExactly("Q15", "Q12", "Q9", "Q6");
        AuditPage back = f.queries.page(byRule, java.util.Optional.empty(), second.newer(), 4);
        assertThat(back.entries()).isEqualTo(first.entries());
        assertThat(f.queries.page(byRule, second.older(), java.util.Optional.empty(), 4).older()).isEmpty();

        AuditFilter window = new AuditFilter(java.util.Optional.of(f.clock.instant().minus(Duration.ofHours(3))),
                java.util.Optional.of(f.clock.instant().minus(Duration.ofHours(1))), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(f.queries.page(window, java.util.Optional.empty(), java.util.Optional.empty(), 50).entries())
                .extracting(e -> e.queueId().get()).containsExactly("Q28", "Q28", "Q27", "Q27");
        assertThat(f.queries.history("Q3")).extracting(LogEntry::type).containsExactly("received", "verdict");
    }

    /** Upstream results and notices only count on the message's row: batched, alone, or beside other messages. */
    @Test
    default void shouldCountTheResultsAndNoticesOfAMessageHoweverTheyAreBatched() {
        AuditFixture f = fixture();
        ReversePath tanaka = Events.sender("tanaka@example.co.jp");
        MailAddress sato = MailAddress.of("sato@aoba-shoji.co.jp");
        MailAddress kato = MailAddress.of("kato@aoba-shoji.co.jp");
        f.log.appendAll(List.of(Events.received("Q1", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"),
                Events.delivered("Q1", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp")));
        f.log.append(RecipientOutcome.deferred("Q1", tanaka, sato, "451 later", f.clock.instant().plusSeconds(60)));
        f.log.appendAll(List.of(
                new RecipientsDelivered("Q1", tanaka, List.of(sato, MailAddress.of("ito@aoba-shoji.co.jp")), "250 OK"),
                RecipientOutcome.bounced("Q1", tanaka, kato, "550 no such user"),
                new NoticeQueued("Q1", tanaka, "N1", "dsn", MailAddress.of("tanaka@example.co.jp")),
                Events.received("Q2", "suzuki@example.co.jp", "kato@example.com"),
                new RecipientsDelivered("N1", ReversePath.NULL, List.of(MailAddress.of("tanaka@example.co.jp")),
                        "250 OK")));
        LogEntry last = f.log.append(new RecipientsDelivered("Q1", tanaka, List.of(kato), "250 OK"));

        MessageSummary q1 = f.messages.find("Q1").orElseThrow();
        assertThat(List.of(q1.delivered(), q1.deferred(), q1.bounced(), q1.notices())).containsExactly(3, 1, 1, 1);
        assertThat(f.jdbc.queryForObject("SELECT last_seq FROM audit_message WHERE queue_id = 'Q1'", Long.class))
                .isEqualTo(last.seq());
        assertThat(f.messages.find("Q2")).as("opened beside the counted results").isPresent();
        assertThat(f.messages.find("N1")).as("the guard's own mail has no row").isEmpty();
    }

    @Test
    default void shouldKeepOneSummaryPerMessageLinkTheGuardsOwnMailAndFilterAcrossEntries() {
        AuditFixture f = fixture();
        f.log.appendAll(List.of(Events.received("Q1", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"),
                Events.held("Q1", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp", "lookalike-domain", "青葉商事", "営業部")));
        f.log.append(new NoticeQueued("Q1", Events.sender("tanaka@example.co.jp"), "N1", "held",
                MailAddress.of("tanaka@example.co.jp")));
        f.log.append(new RecipientsDelivered("N1", ReversePath.NULL, List.of(MailAddress.of("tanaka@example.co.jp")),
                "250 OK"));
        f.clock.advance(Duration.ofMinutes(1));
        f.log.appendAll(List.of(Events.received("Q2", "suzuki@example.co.jp", "kato@example.com"),
                Events.delivered("Q2", "suzuki@example.co.jp", "kato@example.com")));
        f.log.append(new RecipientsDelivered("Q2", Events.sender("suzuki@example.co.jp"),
                List.of(MailAddress.of("kato@example.com")), "250 OK"));
        f.log.append(Events.confirmed("Q1", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp", 12, "営業部"));
        f.log.append(new RecipientsDelivered("Q1", Events.sender("tanaka@example.co.jp"),
                List.of(MailAddress.of("sato@aoba-shoji.co.jp")), "250 OK"));
        f.log.appendAll(List.of(Events.received("Q3", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"),
                Events.held("Q3", "tanaka@example.co.jp", "sato@aoba-shoji.co.jp", "keyword", "青葉商事", "営業部"),
                Events.expired("Q3", "tanaka@example.co.jp")));

        MessagePage all = f.messages.page(AuditFilter.none(), java.util.Optional.empty(), java.util.Optional.empty(), 2);
        assertThat(all.messages()).extracting(MessageSummary::queueId).containsExactly("Q3", "Q2");
        MessagePage older = f.messages.page(AuditFilter.none(), all.older(), java.util.Optional.empty(), 2);
        assertThat(older.messages()).extracting(MessageSummary::queueId).as("the guard's own mail is no message")
                .containsExactly("Q1");
        assertThat(f.messages.page(AuditFilter.none(), java.util.Optional.empty(), older.newer(), 2).messages())
                .isEqualTo(all.messages());

        MessageSummary q1 = f.messages.find("Q1").orElseThrow();
        assertThat(q1.finalState()).isEqualTo("delivered");
        assertThat(q1.decision()).contains("confirmed");
        assertThat(q1.secondsToDecide()).contains(12L);
        assertThat(q1.rules()).containsExactly("lookalike-domain");
        assertThat(q1.notices()).isEqualTo(1);
        assertThat(q1.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("sato@aoba-shoji.co.jp");
            assertThat(r.organization()).contains("青葉商事");
            assertThat(r.department()).contains("営業部");
        });
        assertThat(f.messages.find("Q3").orElseThrow().finalState()).isEqualTo("expired");
        assertThat(f.messages.find("N1")).isEmpty();
        assertThat(f.messages.history("Q1")).extracting(e -> e.queueId().orElseThrow() + " " + e.type())
                .containsExactly("Q1 received", "Q1 verdict", "Q1 notice", "N1 delivered", "Q1 confirmed",
                        "Q1 delivered");

        AuditFilter confirmedLookalike = new AuditFilter(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("青葉商事"),
                java.util.Optional.empty(), java.util.Optional.of("lookalike-domain"), java.util.Optional.of("confirmed"));
        assertThat(f.messages.page(confirmedLookalike, java.util.Optional.empty(), java.util.Optional.empty(), 10)
                .messages()).extracting(MessageSummary::queueId).as("terms found in different entries of one message")
                .containsExactly("Q1");
    }

    @Test
    default void shouldCountHoldsDecisionsAndMedianTimeToConfirmPerDepartment() {
        AuditFixture f = fixture();
        f.log.append(Events.held("A", "tanaka@example.co.jp", "x@aoba.co.jp", "unknown-recipient", "青葉", "営業部"));
        f.log.append(Events.held("B", "tanaka@example.co.jp", "y@aoba.co.jp", "unknown-recipient", "青葉", "営業部"));
        f.log.append(Events.held("C", "sato@example.co.jp", "z@aoba.co.jp", "lookalike-domain", "青葉", "総務部"));
        f.log.append(Events.held("D", "sato@example.co.jp", "w@aoba.co.jp", "lookalike-domain", "青葉", "総務部"));
        f.log.append(Events.confirmed("A", "tanaka@example.co.jp", "x@aoba.co.jp", 2, "営業部"));
        f.log.append(Events.confirmed("B", "tanaka@example.co.jp", "y@aoba.co.jp", 4, "営業部"));
        f.log.append(Events.confirmed("C", "sato@example.co.jp", "z@aoba.co.jp", 120, "総務部"));
        f.log.append(Events.cancelled("D", "sato@example.co.jp", "w@aoba.co.jp", 30, "総務部"));
        var day = f.clock.instant().atZone(AuditFixture.ZONE).toLocalDate();
        StatisticsReport r = f.statistics.report(day.minusDays(1), day);
        assertThat(r.held()).isEqualTo(4);
        assertThat(r.holdsPerRule()).extracting(StatisticsReport.Count::count).containsExactly(2L, 2L);
        assertThat(r.decisions()).containsEntry("confirmed", 3L).containsEntry("cancelled", 1L);
        assertThat(r.rate("confirmed")).isEqualTo(0.75);
        assertThat(r.departments()).extracting(StatisticsReport.DepartmentTiming::department,
                StatisticsReport.DepartmentTiming::medianSeconds, StatisticsReport.DepartmentTiming::automated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("営業部", 3.0, 2L),
                        org.assertj.core.groups.Tuple.tuple("総務部", 120.0, 0L));
        assertThat(r.topHeldSenders()).extracting(StatisticsReport.Count::label)
                .containsExactlyInAnyOrder("tanaka@example.co.jp", "sato@example.co.jp");
    }

    @Test
    default void shouldCountTheSameOverMonthsAsDayByDay() {
        AuditFixture f = fixture();
        java.time.LocalDate first = f.clock.instant().atZone(AuditFixture.ZONE).toLocalDate();
        for (int day = 0; day < 100; day++) {
            f.log.append(Events.held("M" + day, day % 3 == 0 ? "tanaka@example.co.jp" : "sato@example.co.jp",
                    "x" + day + "@aoba.co.jp", "unknown-recipient", "青葉", "営業部"));
            f.clock.advance(java.time.Duration.ofDays(1));
        }
        // a range with partial months at both ends and full months between, and one inside a month
        for (int[] range : new int[][] {{5, 95}, {0, 99}, {40, 45}, {29, 61}}) {
            java.time.LocalDate from = first.plusDays(range[0]);
            java.time.LocalDate to = first.plusDays(range[1]);
            long expected = range[1] - range[0] + 1;
            long tanaka = java.util.stream.IntStream.rangeClosed(range[0], range[1]).filter(d -> d % 3 == 0).count();
            StatisticsReport r = f.statistics.report(from, to);
            assertThat(r.held()).as(from + ".." + to).isEqualTo(expected);
            assertThat(r.topHeldSenders()).as(from + ".." + to)
                    .contains(new StatisticsReport.Count("tanaka@example.co.jp", tanaka),
                            new StatisticsReport.Count("sato@example.co.jp", expected - tanaka));
        }
    }

    /** Entries are found by time with a binary search over their numbers, stepping over gaps (EntryTimes). */
    @Test
    default void shouldFindTheEntriesOfATimeRangeAcrossGapsInTheSequence() {
        AuditFixture f = fixture();
        java.time.Instant start = f.clock.instant();
        for (int i = 0; i < 40; i++) { // entries 2k-1 and 2k at minute k-1
            f.log.append(Events.access("a", i));
            if (i % 2 == 1) {
                f.clock.advance(Duration.ofMinutes(1));
            }
        }
        f.jdbc.update("DELETE FROM audit_entry WHERE seq BETWEEN 9 AND 16"); // minutes 4 to 7
        EntryTimes times = new EntryTimes(f.jdbc);
        assertThat(times.firstAtOrAfter(start)).contains(1L);
        assertThat(times.firstAtOrAfter(start.plusSeconds(30))).contains(3L);
        assertThat(times.firstAtOrAfter(start.plus(Duration.ofMinutes(5)))).as("inside the gap").contains(17L);
        assertThat(times.firstAtOrAfter(start.plus(Duration.ofMinutes(20)))).isEmpty();
        assertThat(times.lastBefore(start, 0)).isEmpty();
        assertThat(times.lastBefore(start.plus(Duration.ofMinutes(6)), 0)).contains(8L);
        assertThat(times.lastBefore(start.plus(Duration.ofMinutes(30)), 39)).contains(40L);
        assertThat(times.lastBefore(start.plus(Duration.ofMinutes(30)), 40)).isEmpty();
        for (int seconds = -60; seconds <= 21 * 60; seconds += 15) { // against a plain scan of every entry
            java.time.Instant t = start.plusSeconds(seconds);
            assertThat(times.firstAtOrAfter(t)).as("first at or after %s", t).isEqualTo(java.util.Optional.ofNullable(
                    f.jdbc.queryForObject("SELECT MIN(seq) FROM audit_entry WHERE occurred_at >= ?", Long.class,
                            EntryRows.timestamp(t))));
            assertThat(times.lastBefore(t, 0)).as("last before %s", t).isEqualTo(java.util.Optional.ofNullable(
                    f.jdbc.queryForObject("SELECT MAX(seq) FROM audit_entry WHERE occurred_at < ?", Long.class,
                            EntryRows.timestamp(t))));
        }
    }

    private static List<String> messagesBetween(AuditFixture f, java.time.Instant from, java.time.Instant to) {
        AuditFilter window = new AuditFilter(java.util.Optional.ofNullable(from), java.util.Optional.ofNullable(to),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        return f.messages.page(window, java.util.Optional.empty(), java.util.Optional.empty(), 50).messages().stream()
                .map(MessageSummary::queueId).toList();
    }

    /** A message's time is its first entry's: the time filter finds them by the entries' binary search too. */
    @Test
    default void shouldFilterMessagesByTheTimeTheyCameIn() {
        AuditFixture f = fixture();
        java.time.Instant start = f.clock.instant();
        for (int i = 0; i < 10; i++) {
            f.log.append(Events.received("M" + i, "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"));
            f.log.append(Events.delivered("M" + i, "tanaka@example.co.jp", "sato@aoba-shoji.co.jp"));
            f.clock.advance(Duration.ofMinutes(1));
        }
        assertThat(messagesBetween(f, start.plus(Duration.ofMinutes(3)), start.plus(Duration.ofMinutes(6))))
                .containsExactly("M5", "M4", "M3");
        assertThat(messagesBetween(f, start.minus(Duration.ofMinutes(1)), null)).hasSize(10);
        assertThat(messagesBetween(f, null, start.plusSeconds(30))).containsExactly("M0");
        assertThat(messagesBetween(f, start.plus(Duration.ofMinutes(10)), null)).isEmpty();
        assertThat(messagesBetween(f, start.plusSeconds(30), start.plusSeconds(50))).isEmpty();
    }
}
