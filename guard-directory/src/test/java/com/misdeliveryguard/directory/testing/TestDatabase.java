package com.misdeliveryguard.directory.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;


/**
 * A fresh, migrated database for one test: an H2 in-memory database with a random name, or a
 * randomly named schema in the PostgreSQL that {@code GUARD_TEST_POSTGRES_URL} points at, dropped
 * on {@link #close()} — so that parallel runs never meet.
 */
public abstract class TestDatabase implements AutoCloseable {

    public static final String POSTGRES_URL_VARIABLE = "GUARD_TEST_POSTGRES_URL";

    public abstract DataSource dataSource();

    @Override
    public abstract void close();

    /** A new H2 in-memory database, migrated. */
    public static TestDatabase h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        String name = "test_" + UUID.randomUUID().toString().replace("-", "");
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        migrate(dataSource, null);
        return new TestDatabase() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public void close() {
                execute(dataSource, "SHUTDOWN");
            }
        };
    }

    /** A new schema in the PostgreSQL of {@code GUARD_TEST_POSTGRES_URL}, migrated; dropped on close. */
    public static TestDatabase postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is not set");
        }
        String schema = "guard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // pooled, as the application's are: a new connection for each query took most of these tests' time
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.addDataSourceProperty("currentSchema", schema);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(0);
        config.setPoolName("test-" + schema);
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource, schema);
        return new TestDatabase() {
            @Override
            public DataSource dataSource() {
                return dataSource;
            }

            @Override
            public void close() {
                try {
                    execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
                } finally {
                    dataSource.close();
                }
            }
        };
    }

    private static void execute(DataSource dataSource, String sql) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void migrate(DataSource dataSource, String schema) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (schema != null) {
            configuration.schemas(schema).createSchemas(true);
        }
        configuration.load().migrate();
    }
}
