package com.misdeliveryguard.directory.history;

import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class H2SenderHistoryTest implements JdbcSenderHistoryContract {

    private TestDatabase database;

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
}
