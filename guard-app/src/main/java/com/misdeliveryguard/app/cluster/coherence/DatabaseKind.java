package com.misdeliveryguard.app.cluster.coherence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The application's database: PostgreSQL, which several instances may share, or embedded H2 (one instance). */
public enum DatabaseKind {
    POSTGRESQL, EMBEDDED;

    /** Asks the database once; a database that cannot be reached at start-up fails the start, as Flyway would. */
    static DatabaseKind of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGRESQL : EMBEDDED;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database spring.datasource.url points at: "
                    + e.getMessage(), e);
        }
    }
}
