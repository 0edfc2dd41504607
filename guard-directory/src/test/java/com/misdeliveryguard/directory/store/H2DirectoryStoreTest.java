package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class H2DirectoryStoreTest implements DirectoryStoreContract {

    private TestDatabase database;
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.h2();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
