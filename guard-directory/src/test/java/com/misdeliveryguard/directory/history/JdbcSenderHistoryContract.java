package com.misdeliveryguard.directory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.history.SenderHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link SenderHistoryContract} for {@link JdbcSenderHistory}, plus its expiry; one test class per database. */
public interface JdbcSenderHistoryContract extends SenderHistoryContract {

    /** A fresh, migrated database for the current test. */
    DataSource dataSource();

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
}
