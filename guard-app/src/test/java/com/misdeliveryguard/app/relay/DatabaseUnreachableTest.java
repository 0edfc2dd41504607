package com.misdeliveryguard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * One classification of "no database connection" for every grouped writer, whichever way the failure reached it;
 * a failure of one item (a constraint, bad data) is not one, so that the others of its batch are still written.
 */
class DatabaseUnreachableTest {

    private final DatabaseUnreachable unreachable = DatabaseUnreachable.INSTANCE;

    @Test
    void aTransactionThatCouldNotGetAConnectionIsUnreachable() {
        assertThat(unreachable.test(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("pool - Connection is not available, request timed out")))).isTrue();
    }

    @Test
    void plainJdbcThatCouldNotGetAConnectionIsUnreachable() {
        // the sender history's store wraps what the pool threw in an unchecked exception of its own
        assertThat(unreachable.test(new IllegalStateException("Cannot record",
                new SQLTransientConnectionException("pool - Connection is not available, request timed out")))).isTrue();
        assertThat(unreachable.test(new IllegalStateException("Cannot record",
                new SQLException("Connection refused", "08001")))).isTrue();
    }

    @Test
    void aFailureOfOneItemIsNot() {
        assertThat(unreachable.test(new DataIntegrityViolationException("duplicate key",
                new SQLIntegrityConstraintViolationException("Unique index violation", "23505")))).isFalse();
        assertThat(unreachable.test(new IllegalArgumentException("bad data"))).isFalse();
        assertThat(unreachable.test(new IllegalStateException("Cannot record", new SQLException("no state")))).isFalse();
    }
}
