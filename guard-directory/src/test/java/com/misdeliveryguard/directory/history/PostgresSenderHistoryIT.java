package com.misdeliveryguard.directory.history;

import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresSenderHistoryIT implements JdbcSenderHistoryContract {

    private TestDatabase database;

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
    public String waitingSessionsQuery() {
        return "SELECT COUNT(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))";
    }
}
