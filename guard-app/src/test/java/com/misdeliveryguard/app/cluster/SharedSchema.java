package com.misdeliveryguard.app.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.misdeliveryguard.directory.testing.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A schema of its own on the PostgreSQL named by {@code GUARD_TEST_POSTGRES_URL} (the test is skipped
 * when it is unset), which every guard instance of a test shares; dropped at the end.
 */
public final class SharedSchema implements AutoCloseable {

    private final String url;
    public final String schema;
    public final String jdbcUrl;

    private SharedSchema(String url, String schema) {
        this.url = url;
        this.schema = schema;
        this.jdbcUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static SharedSchema create(String prefix) {
        String url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        return new SharedSchema(url, prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** The settings that put an instance on this schema. */
    public java.util.Map<String, String> settings() {
        return java.util.Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", "",
                "spring.flyway.schemas", schema);
    }

    /** Creates the schema now, so that instances starting at once all find it and queue for Flyway's lock in it. */
    public void createNow() throws SQLException {
        execute("CREATE SCHEMA " + schema);
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
