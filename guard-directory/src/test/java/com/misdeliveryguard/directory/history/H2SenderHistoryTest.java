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

    /** H2 retries a statement that meets another transaction's uncommitted row until its lock timeout. */
    @Override
    public String waitingSessionsQuery() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                + " WHERE SESSION_ID <> SESSION_ID() AND EXECUTING_STATEMENT LIKE 'INSERT INTO dir_sender_history%'";
    }
}
