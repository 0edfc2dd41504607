package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.directory.testing.TestDatabase;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
class PostgresDecisionLogIT implements DecisionLogContract {

    @TempDir
    Path dataDir;
    private TestDatabase database;
    private AuditFixture fixture;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.postgres();
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
