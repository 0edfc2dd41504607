package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresDirectoryStoreIT implements DirectoryStoreContract {

    private TestDatabase database;
    private final MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.postgres();
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
