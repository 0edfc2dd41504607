package com.misdeliveryguard.app.confirm.hold;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database with every migration applied, for one test class: H2 in memory with a random
 * name, or a random schema in the PostgreSQL that {@code GUARD_TEST_POSTGRES_URL} points at (dropped
 * on close).
 */
abstract class HoldDatabase implements AutoCloseable {

    static final String POSTGRES_URL_VARIABLE = "GUARD_TEST_POSTGRES_URL";

    abstract DataSource dataSource();

    @Override
    public abstract void close();

    static HoldDatabase h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:confirm_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new HoldDatabase() {
            @Override
            DataSource dataSource() {
                return dataSource;
            }

            @Override
            public void close() {
                execute(dataSource, "SHUTDOWN");
            }
        };
    }

    static HoldDatabase postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        String schema = "confirm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas(schema)
                .createSchemas(true).load().migrate();
        return new HoldDatabase() {
            @Override
            DataSource dataSource() {
                return dataSource;
            }

            @Override
            public void close() {
                execute(dataSource, "DROP SCHEMA " + schema + " CASCADE");
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
}
