package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.directory.testing.TestDatabase;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class H2DecisionLogTest implements DecisionLogContract {

    @TempDir
    Path dataDir;
    private TestDatabase database;
    private AuditFixture fixture;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.h2();
        fixture = new AuditFixture(database.dataSource(), dataDir, 5);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Override
    public AuditFixture fixture() {
        return fixture;
    }

    @Override
    public AuditFixture secondInstance() {
        return new AuditFixture(database.dataSource(), dataDir.resolve("second"), 5);
    }
}
