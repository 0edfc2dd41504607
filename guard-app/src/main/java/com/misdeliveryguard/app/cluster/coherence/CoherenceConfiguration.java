package com.misdeliveryguard.app.cluster.coherence;

import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires what instances sharing one database need (ADR 0013): on PostgreSQL the cache channel
 * ({@code LISTEN} on a dedicated connection made from {@code spring.datasource.*}) and advisory
 * locks; on embedded H2 a cache coherence that tells nobody and in-process locks.
 */
@Configuration(proxyBeanMethods = false)
class CoherenceConfiguration {

    @Bean
    DatabaseKind databaseKind(DataSource dataSource) {
        return DatabaseKind.of(dataSource);
    }

    @Bean
    TransactionLocks transactionLocks(DataSource dataSource, DatabaseKind database) {
        return new TransactionLocks(new JdbcTemplate(dataSource), database);
    }

    /** After Flyway: the channel's name carries the schema, which Flyway may create. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    CacheCoherence cacheCoherence(DataSource dataSource, DatabaseKind database,
            ObjectProvider<DataSourceProperties> settings) {
        if (database != DatabaseKind.POSTGRESQL) {
            return CacheCoherence.local();
        }
        DataSourceProperties properties = settings.getObject();
        return CacheCoherence.over(new NotifyChannel(new JdbcTemplate(dataSource), () -> {
            Properties connection = new Properties();
            String user = properties.determineUsername();
            String password = properties.determinePassword();
            if (user != null && !user.isEmpty()) {
                connection.setProperty("user", user);
            }
            if (password != null && !password.isEmpty()) {
                connection.setProperty("password", password);
            }
            connection.setProperty("ApplicationName", "misdelivery-guard cache listener");
            connection.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(properties.determineUrl(), connection);
        }));
    }
}
