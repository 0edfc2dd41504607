package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.directory.testing.TestDatabase;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hold records on PostgreSQL 15 (the production database and the one several instances share).
 * Runs when {@code GUARD_TEST_POSTGRES_URL} is set, as CI does; in a schema of its own, dropped after.
 */
class PostgresHoldStoreIT implements HoldStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void open() {
        String url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        database = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }
}
