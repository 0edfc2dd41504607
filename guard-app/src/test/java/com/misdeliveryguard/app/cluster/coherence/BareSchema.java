package com.misdeliveryguard.app.cluster.coherence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.misdeliveryguard.directory.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An empty, randomly named schema in the PostgreSQL of {@code GUARD_TEST_POSTGRES_URL} (the test is
 * skipped when it is unset), without migrations: enough for channels and locks, which need a current
 * schema and no table. Dropped on {@link #close()}.
 */
final class BareSchema implements AutoCloseable {

    final String url;
    final String name;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    BareSchema() {
        url = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), TestDatabase.POSTGRES_URL_VARIABLE + " is not set");
        name = "guard_bare_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        dataSource.setURL(url);
        new JdbcTemplate(dataSource).execute("CREATE SCHEMA " + name);
        dataSource.setCurrentSchema(name);
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        new JdbcTemplate(dataSource).execute("DROP SCHEMA " + name + " CASCADE");
    }
}
