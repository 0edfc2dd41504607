package com.misdeliveryguard.app.cluster.coherence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link TransactionLocksContract} on the PostgreSQL of {@code GUARD_TEST_POSTGRES_URL}: advisory locks. */
class PostgresTransactionLocksIT implements TransactionLocksContract {

    private TestDatabase database;

    @BeforeEach
    void open() {
        assumeTrue(System.getenv(TestDatabase.POSTGRES_URL_VARIABLE) != null, "no PostgreSQL");
        database = TestDatabase.postgres();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
