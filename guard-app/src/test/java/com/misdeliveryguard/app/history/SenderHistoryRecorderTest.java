package com.misdeliveryguard.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.directory.history.JdbcSenderHistory;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The sender history fed by delivery workers recording at the same time, on a real database: every recipient the
 * upstream accepted counts once, the guard's own mail not at all, and deliveries that end together share a
 * transaction.
 */
class SenderHistoryRecorderTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
    private static final MailAddress TANAKA = MailAddress.of("tanaka@example.co.jp");
    private static final MailAddress SATO = MailAddress.of("sato@aoba-shoji.co.jp");
    private static final MailAddress KATO = MailAddress.of("kato@aoba-shoji.co.jp");

    @Test
    void deliveriesFinishingTogetherAreEachCountedOnce() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JdbcSenderHistory store = new JdbcSenderHistory(database, 100, Duration.ofDays(180), clock);
        AtomicInteger transactions = new AtomicInteger();
        SenderHistory counting = new SenderHistory() {
            @Override
            public void record(MailAddress sender, MailAddress recipient, Instant at) {
                throw new AssertionError("the recorder writes deliveries, not single recipients");
            }

            @Override
            public void recordEach(List<Delivery> deliveries) {
                transactions.incrementAndGet();
                store.recordEach(deliveries);
            }

            @Override
            public List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
                return store.correspondentsOf(sender, limit);
            }
        };
        SenderHistoryRecorder recorder = new SenderHistoryRecorder(counting, store, clock);

        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            SpooledMessage.Origin origin = i % 10 == 9 ? SpooledMessage.Origin.GUARD : SpooledMessage.Origin.SMTP;
            SpooledMessage message = new SpooledMessage("Q" + i, new Envelope(ReversePath.of(TANAKA),
                    List.of(SATO, KATO), Optional.empty(), "127.0.0.1", "client.test", false, true, NOW), 100, "0"
                    .repeat(64), origin);
            done.add(workers.submit(() -> recorder.relayedAll(message, List.of(
                    new RecipientResult(SATO, RecipientResult.Outcome.RELAYED, "250 OK"),
                    new RecipientResult(KATO, RecipientResult.Outcome.RELAYED, "250 OK"))).toCompletableFuture()
                    .join()));
        }
        for (Future<?> f : done) {
            f.get();
        }
        workers.shutdown();

        assertThat(store.correspondentsOf(TANAKA, 10)).extracting(Correspondent::recipient, Correspondent::deliveries)
                .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple(SATO, 180),
                        org.assertj.core.api.Assertions.tuple(KATO, 180));
        // deliveries written behind the workers share transactions
        recorder.close();
        assertThat(transactions.get()).as("transactions for 180 deliveries").isLessThan(180);
    }
}
