package com.misdeliveryguard.directory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.directory.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;



class H2SenderHistoryTest implements SenderHistoryContract {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.h2();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Override
    public SenderHistory history(int perSender, Clock clock) {
        return new JdbcSenderHistory(database.dataSource(), perSender, RETENTION, clock);
    }

    @Test
    void expiryDeletesTheRowsBeyondTheRetention() {
        Clock later = Clock.fixed(MONDAY.plus(RETENTION).plus(Duration.ofDays(1)), ZoneOffset.UTC);
        JdbcSenderHistory history = new JdbcSenderHistory(database.dataSource(), 10, RETENTION, later);
        history.record(SENDER, NAMESAKE, MONDAY);
        history.record(SENDER, COLLEAGUE, MONDAY.plus(Duration.ofDays(5)));

        assertThat(history.expire()).isEqualTo(1);
        assertThat(history.expire()).isZero();
    }
}
