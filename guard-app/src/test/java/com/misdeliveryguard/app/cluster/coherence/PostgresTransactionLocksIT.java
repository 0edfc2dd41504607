package com.misdeliveryguard.app.cluster.coherence;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link TransactionLocksContract} on the PostgreSQL of {@code GUARD_TEST_POSTGRES_URL}: advisory locks. */
class PostgresTransactionLocksIT implements TransactionLocksContract {

    private BareSchema database;

    @BeforeEach
    void open() {
        database = new BareSchema();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @AfterEach
    void close() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
