package com.misdeliveryguard.app.cluster.coherence;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Named locks held until the current transaction ends, shared by every instance on the database: a
 * count and the write it allows (a notice claimed under the sender's hourly cap, a hold counted
 * against the sender's open-hold cap) then happen as one step, so two instances never both see
 * "one left". On PostgreSQL it is a transaction-scoped advisory lock ({@code pg_advisory_xact_lock}
 * on the name's hash within this schema: a collision only makes two names wait for each other);
 * on embedded H2, which serves one instance, an in-process lock released when the transaction ends.
 *
 * <p>Take the lock first in the transaction, before other row locks, and one per transaction: then
 * no two holders wait for each other.
 */
public final class TransactionLocks {

    /** First key of the advisory locks (the second: schema and name). */
    static final int NAMED_LOCK = 0x6d67_0002;
    private final JdbcTemplate jdbc;
    private final DatabaseKind database;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    TransactionLocks(JdbcTemplate jdbc, DatabaseKind database) {
        this.jdbc = jdbc;
        this.database = database;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Waits for the lock of this name; it is released when the current transaction commits or rolls back.
     *
     * @throws IllegalStateException outside a transaction (the lock would end at once)
     */
    public void lock(String name) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the lock '" + name + "' must be taken inside a transaction");
        }
        if (database == DatabaseKind.POSTGRESQL) {
            // coalesce: with a null argument the (strict) function would return without locking
            jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(coalesce(current_schema(), '') || ':' || ?))",
                    (RowCallbackHandler) row -> { }, NAMED_LOCK, name);
            return;
        }
        ReentrantLock stripe = stripes[Math.floorMod(name.hashCode(), stripes.length)];
        stripe.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                stripe.unlock();
            }
        });
    }
}
