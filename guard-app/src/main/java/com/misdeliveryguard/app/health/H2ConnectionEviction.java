package com.misdeliveryguard.app.health;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Makes the connection pool drop connections to an embedded H2 database that closed itself. H2
 * closes a file database on a write error (a full disk: {@code The database has been closed
 * [90098]}); its connections then fail for ever with SQL states the pool does not know as fatal, so
 * without this the pool would hand out dead connections after the space has come back. An evicted
 * connection is replaced by a new one, which opens the database file again.
 *
 * <p>Configured by {@code spring.datasource.hikari.exception-override-class-name}; other databases'
 * errors keep the pool's own rules (PostgreSQL's connection errors are SQL state class 08).
 */
public final class H2ConnectionEviction implements SQLExceptionOverride {

    /** H2's {@code ErrorCode}: DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, CONNECTION_BROKEN_1, IO_EXCEPTION_1/2, FILE_CORRUPTED_1. */
    private static final Set<Integer> DEAD_DATABASE = Set.of(90098, 90121, 90067, 90028, 90031, 90030);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DEAD_DATABASE.contains(sql.getErrorCode())
                    && String.valueOf(sql.getSQLState()).equals(String.valueOf(sql.getErrorCode()))) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
