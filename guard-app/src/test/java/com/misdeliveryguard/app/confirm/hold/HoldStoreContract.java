package com.misdeliveryguard.app.confirm.hold;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every database under the hold records must do (H2 and PostgreSQL run the same tests):
 * round-trip a hold with Japanese text; let exactly one of many concurrent state changes, token uses
 * and notification claims succeed — the basis of "two concurrent POSTs (or two instances) release
 * once".
 */
interface HoldStoreContract {

    Instant NOW = Instant.parse("2025-10-06T01:00:00.123456789Z");
    MailAddress SENDER = MailAddress.of("tanaka@example.co.jp");
    MailAddress PARTNER = MailAddress.of("suzuki@midori-bank.co.jp");

    DataSource dataSource();

    private HoldStore store() {
        return new HoldStore(new JdbcTemplate(dataSource()),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource())));
    }

    private HoldQueries queries() {
        return new HoldQueries(new JdbcTemplate(dataSource()));
    }

    private HeldMessage newHold() {
        String id = "20251006T010000123-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        MailAddress lookalike = MailAddress.of("sato@aoba-shoj1.co.jp");
        return new HeldMessage(id, "ab".repeat(32), ReversePath.of(SENDER), Optional.of("tanaka"), Optional.of(SENDER),
                "お見積りの件【社外秘】", Optional.of("abc@client.test"), "株式会社あおば商事\n佐藤様", Action.HOLD, Approval.NONE,
                HoldState.HELD, Optional.empty(), HoldTimes.created(NOW, NOW.plus(Duration.ofHours(72)), Optional.empty()),
                Optional.empty(), List.of(
                        new HeldRecipient(lookalike.toString(), Optional.of(lookalike), HeaderRole.TO, "佐藤 一郎", true, true,
                                 Optional.of(new RecipientIdentity(DirectoryStatus.LEARNED,
                                        Optional.empty(), Optional.empty(), Optional.empty(), false))),
                        new HeldRecipient(PARTNER.toString(), Optional.of(PARTNER), HeaderRole.CC, "鈴木 花子", true, false,
                                 Optional.of(new RecipientIdentity(DirectoryStatus.KNOWN_CONTACT,
                                        Optional.of("鈴木 花子"), Optional.of("みどり銀行"), Optional.of("法人営業部"), false))),
                        new HeldRecipient("not an address", Optional.empty(), HeaderRole.TO, "誰か", false, false,
                                Optional.empty())),
                List.of(new Finding("lookalike-domain", Severity.CRITICAL, Optional.of(lookalike), "似ています", "Looks alike",
                        Map.of("knownDomain", "aoba-shoji.co.jp", "distance", "1")),
                        new Finding("keyword", Severity.MEDIUM, Optional.empty(), "社外秘", "Confidential", Map.of())),
                List.of("見積書.pdf", "memo.txt"));
    }

    @Test
    default void aHoldRoundTripsWithEverythingShownAboutIt() {
        HeldMessage hold = newHold();
        store().insert(hold);
        HeldMessage read = queries().find(hold.queueId()).orElseThrow();
        assertThat(read.subject()).isEqualTo(hold.subject());
        assertThat(read.recipients()).isEqualTo(hold.recipients());
        assertThat(read.findings()).isEqualTo(hold.findings());
        assertThat(read.attachmentNames()).containsExactly("見積書.pdf", "memo.txt");
        assertThat(read.times().createdAt()).isEqualTo(Instant.parse("2025-10-06T01:00:00.123Z"));
        assertThat(read.sender()).isEqualTo(hold.sender());
        assertThat(read.flaggedRecipients()).containsExactly(MailAddress.of("sato@aoba-shoj1.co.jp"));
        assertThat(queries().heldBy("nobody", List.of("*@example.co.jp"), 10)).extracting(HeldMessage::queueId)
                .contains(hold.queueId());
        assertThat(queries().heldBy("tanaka", List.of(), 10)).extracting(HeldMessage::queueId).contains(hold.queueId());
        assertThat(queries().heldBy("someone", List.of("kato@example.co.jp"), 10)).extracting(HeldMessage::queueId)
                .doesNotContain(hold.queueId());
    }

    @Test
    default void ofManyConcurrentDecisionsExactlyOneChangesTheHold() throws Exception {
        HeldMessage hold = newHold();
        store().insert(hold);
        List<Boolean> results = race(16, i -> () -> store().transition(hold.queueId(), Set.of(HoldState.HELD),
                i % 2 == 0 ? HoldState.RELEASED : HoldState.CANCELLED, "x",
                new Decided("t" + i, Optional.of("127.0.0.1"), Optional.empty(), 1, false), NOW));
        assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(queries().find(hold.queueId()).orElseThrow().state()).isIn(HoldState.RELEASED, HoldState.CANCELLED);
        assertThat(store().transition(hold.queueId(), HoldState.WAITING, HoldState.EXPIRED, "late", Decided.byGuard(0),
                NOW)).isFalse();
    }

    @Test
    default void aTokenIsUsedOnceAndANotificationClaimedOnce() throws Exception {
        HeldMessage hold = newHold();
        store().insert(hold);
        ConfirmationTokens tokens = new ConfirmationTokens(new JdbcTemplate(dataSource()), Clock.fixed(NOW, ZoneOffset.UTC));
        ConfirmationToken token = tokens.issue(hold, Audience.SENDER, SENDER);
        TokenGrant grant = tokens.find(token.value()).orElseThrow();
        assertThat(tokens.boundTo(grant, token.value(), hold)).isTrue();
        HeldMessage otherBytes = new HeldMessage(hold.queueId(), "cd".repeat(32), hold.sender(), hold.authenticatedUser(),
                hold.notifyTo(), hold.subject(), hold.messageId(), hold.openingLines(), hold.verdictAction(),
                hold.approval(), hold.state(), hold.outcome(), hold.times(), hold.decided(), hold.recipients(),
                hold.findings(), hold.attachmentNames());
        assertThat(tokens.boundTo(grant, token.value(), otherBytes)).isFalse();
        assertThat(race(16, i -> () -> tokens.use(grant, NOW)).stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(tokens.find(token.value()).orElseThrow().usedAt()).isPresent();
        assertThat(race(16, i -> () -> store().claimNotification(hold.queueId(), NOW)).stream().filter(b -> b).count())
                .isEqualTo(1);
        assertThat(race(16, i -> () -> store().claimReminder(hold.queueId(), NOW)).stream().filter(b -> b).count())
                .isEqualTo(1);
    }

    @Test
    default void oneInstanceAtATimeLeasesAHoldsWorkAndADeadInstancesLeaseRunsOut() throws Exception {
        HeldMessage hold = newHold();
        store().insert(hold);
        Duration lease = Duration.ofMinutes(2);
        assertThat(race(16, i -> () -> store().lease(hold.queueId(), "instance-" + i, NOW, NOW.plus(lease)))
                .stream().filter(b -> b).count()).isEqualTo(1);
        assertThat(store().lease(hold.queueId(), "late", NOW.plus(Duration.ofMinutes(1)),
                NOW.plus(Duration.ofMinutes(3)))).as("still leased").isFalse();
        assertThat(store().lease(hold.queueId(), "taker", NOW.plus(Duration.ofMinutes(3)),
                NOW.plus(Duration.ofMinutes(5)))).as("the lease ran out: taken over").isTrue();
        store().endLease(hold.queueId(), "taker");
        assertThat(store().lease(hold.queueId(), "next", NOW.plus(Duration.ofMinutes(3)),
                NOW.plus(Duration.ofMinutes(5)))).as("given back").isTrue();
    }

    @Test
    default void aHeldMessageOfManyChunksRoundTripsByteForByteAndIsPurgedWhole() throws Exception {
        HeldContent content = new HeldContent(new JdbcTemplate(dataSource()),
                new DataSourceTransactionManager(dataSource()));
        byte[] bytes = new byte[3 * HeldContent.CHUNK + 12345];
        new java.util.Random(13).nextBytes(bytes);
        String id = newHold().queueId();
        SpooledMessage message = new SpooledMessage(id, new Envelope(ReversePath.of(SENDER), List.of(PARTNER),
                Optional.of("tanaka"), "192.0.2.10", "client.test", true, true, NOW), bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                SpooledMessage.Origin.SMTP);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource())).executeWithoutResult(status ->
                assertThat(content.store(message, new ByteArrayInputStream(bytes), List.of(PARTNER), NOW)).isTrue());
        assertThat(content.store(message, new ByteArrayInputStream(bytes), List.of(), NOW)).as("stored once").isFalse();
        assertThat(content.headerRemovals(id)).as("what the conversion to Bcc takes out").containsExactly(PARTNER);

        assertThat(content.find(id)).hasValue(message);
        try (InputStream in = content.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(new JdbcTemplate(dataSource()).queryForObject("SELECT COUNT(*) FROM hold_message_chunk WHERE "
                + "queue_id = ?", Integer.class, id)).isEqualTo(4);
        assertThat(content.purge(id)).isTrue();
        assertThat(content.has(id)).isFalse();
        assertThat(new JdbcTemplate(dataSource()).queryForObject("SELECT COUNT(*) FROM hold_message_chunk WHERE "
                + "queue_id = ?", Integer.class, id)).isZero();
    }

    private static List<Boolean> race(int n, java.util.function.IntFunction<Callable<Boolean>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Boolean> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
