package com.misdeliveryguard.app.cluster.coherence;

import com.misdeliveryguard.directory.testing.TestDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

class H2TransactionLocksTest implements TransactionLocksContract {

    private final TestDatabase database = TestDatabase.h2();

    @Override
    public DataSource dataSource() {
        return database.dataSource();
    }

    @AfterEach
    void close() {
        database.close();
    }
}
