package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.directory.testing.TestDatabase;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The hold records on H2, the embedded default. */
class H2HoldStoreTest implements HoldStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }
}
