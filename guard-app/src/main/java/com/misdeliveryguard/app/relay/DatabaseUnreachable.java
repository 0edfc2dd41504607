package com.misdeliveryguard.app.relay;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failed write failed for want of a database connection, so that any other write would fail the same
 * way now: the one classification the grouped writers share ({@link GroupCommit}, {@link WriteBehind}) to fail a
 * whole batch at once instead of trying each item alone into the same wall. The same condition reaches them in two
 * forms: through Spring's transactions as {@link CannotCreateTransactionException}, and through plain JDBC (the
 * sender history) as the pool's {@link SQLTransientConnectionException} or a driver's connection error (SQLState
 * class {@code 08}).
 */
public final class DatabaseUnreachable implements Predicate<RuntimeException> {

    public static final DatabaseUnreachable INSTANCE = new DatabaseUnreachable();

    private DatabaseUnreachable() {
    }

    @Override
    public boolean test(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
