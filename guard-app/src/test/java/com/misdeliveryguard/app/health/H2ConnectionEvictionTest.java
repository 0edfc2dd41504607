package com.misdeliveryguard.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The pool must drop connections to an H2 database that closed itself (full disk), also when the
 * error arrives wrapped, and leave every other database's errors to the pool's own rules.
 */
class H2ConnectionEvictionTest {

    private final H2ConnectionEviction eviction = new H2ConnectionEviction();

    @Test
    void evictsConnectionsOfAClosedH2Database() {
        assertThat(eviction.adjudicate(new SQLException("The database has been closed", "90098", 90098)))
                .isEqualTo(Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("wrapper", "HY000", 0,
                new SQLException("Connection is broken", "90067", 90067)))).isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void leavesOtherErrorsToThePool() {
        assertThat(eviction.adjudicate(new SQLException("Table not found", "42104", 42104)))
                .isEqualTo(Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(new SQLException("Connection refused", "08001", 0)))
                .isEqualTo(Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(new SQLException("PostgreSQL error with a number", "57P01", 90098)))
                .isEqualTo(Override.CONTINUE_EVICT);
    }
}
