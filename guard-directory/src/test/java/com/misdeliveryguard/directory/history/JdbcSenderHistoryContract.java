package com.misdeliveryguard.directory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link SenderHistoryContract} for {@link JdbcSenderHistory}, plus its expiry; one test class per database. */
public interface JdbcSenderHistoryContract extends SenderHistoryContract {

    /** A fresh, migrated database for the current test. */
    DataSource dataSource();

    /** A query counting the other sessions that wait for what the current session's transaction has written. */
    String waitingSessionsQuery();

    private boolean someoneWaitsFor(Connection holder) throws SQLException {
        try (Statement statement = holder.createStatement();
                ResultSet rows = statement.executeQuery(waitingSessionsQuery())) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }

    @Override
    default SenderHistory history(int perSender, Clock clock) {
        return new JdbcSenderHistory(dataSource(), perSender, RETENTION, clock);
    }

    @Test
    default void expiryDeletesTheRowsBeyondTheRetention() {
        Clock later = Clock.fixed(MONDAY.plus(RETENTION).plus(Duration.ofDays(1)), ZoneOffset.UTC);
        JdbcSenderHistory history = new JdbcSenderHistory(dataSource(), 10, RETENTION, later);
        history.record(SENDER, NAMESAKE, MONDAY);
        history.record(SENDER, COLLEAGUE, MONDAY.plus(Duration.ofDays(5)));

        assertThat(history.expire()).isEqualTo(1);
        assertThat(history.expire()).isZero();
    }

    /**
     * Two deliveries record the same new sender and recipient at once: one transaction's insert then fails on the
     * other's row. The loser counts its delivery on that row instead, and keeps the message's other recipients
     * (on PostgreSQL the failed insert would abort the whole transaction without a savepoint).
     */
    @Test
    default void aRaceToInsertTheSamePairLosesNeitherTheDeliveryNorTheMessagesOtherRecipients() throws Exception {
        JdbcSenderHistory history = new JdbcSenderHistory(dataSource(), 10, RETENTION,
                Clock.fixed(MONDAY.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        MailAddress third = MailAddress.of("sato@third.example.co.jp");
        CompletableFuture<Void> recording;
        try (Connection rival = dataSource().getConnection()) {
            rival.setAutoCommit(false);
            try (PreparedStatement insert = rival.prepareStatement("INSERT INTO dir_sender_history"
                    + " (sender_key, recipient_key, recipient, deliveries, first_at, last_at) VALUES (?, ?, ?, 1, ?, ?)")) {
                OffsetDateTime at = OffsetDateTime.ofInstant(MONDAY, ZoneOffset.UTC);
                insert.setString(1, ContactAddresses.key(SENDER));
                insert.setString(2, ContactAddresses.key(COLLEAGUE));
                insert.setString(3, COLLEAGUE.toString());
                insert.setObject(4, at);
                insert.setObject(5, at);
                insert.executeUpdate();
            }
            recording = CompletableFuture.runAsync(
                    () -> history.recordAll(SENDER, List.of(NAMESAKE, COLLEAGUE, third), MONDAY.plusSeconds(5)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!someoneWaitsFor(rival) && System.nanoTime() < deadline && !recording.isDone()) {
                Thread.sleep(20);
            }
            assertThat(recording).as("the second insert waits for the first transaction").isNotDone();
            rival.commit();
        }
        recording.get(10, TimeUnit.SECONDS);

        assertThat(history.correspondentsOf(SENDER, 10)).containsExactlyInAnyOrder(
                new Correspondent(COLLEAGUE, 2, MONDAY.plusSeconds(5)),
                new Correspondent(NAMESAKE, 1, MONDAY.plusSeconds(5)),
                new Correspondent(third, 1, MONDAY.plusSeconds(5)));
    }
}
