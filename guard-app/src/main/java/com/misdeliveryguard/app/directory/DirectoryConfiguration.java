package com.misdeliveryguard.app.directory;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.learned.JdbcLearnedRecipients;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.search.DirectoryBrowse;
import com.misdeliveryguard.directory.search.JdbcDirectorySearch;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the directory: the JDBC store on the application's DataSource (schema by Flyway,
 * {@code V100__directory.sql}), the Caffeine-cached lookup the rules use, the importer that
 * invalidates the cache after each change, and learned recipients.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean
    InternalDomains internalDomains(GuardProperties guard) {
        return InternalDomains.of(guard.internalDomains());
    }

    @Bean
    JdbcDirectoryStore directoryStore(DataSource dataSource, InternalDomains internal, Clock clock) {
        return JdbcDirectoryStore.builder(dataSource).internalDomains(internal).clock(clock).build();
    }

    @Bean
    CachedContactDirectory contactDirectory(JdbcDirectoryStore store, InternalDomains internal,
            DirectoryProperties properties) {
        return CachedContactDirectory.builder(store).internalDomains(internal).maximumSize(properties.cacheSize())
                .expireAfterWrite(properties.cacheTtl()).build();
    }

    @Bean
    DirectoryImporter directoryImporter(JdbcDirectoryStore store, CachedContactDirectory directory, Clock clock) {
        return DirectoryImporter.builder(store).afterChange(directory::invalidateAll).clock(clock).build();
    }

    @Bean
    JdbcDirectorySearch directorySearch(DataSource dataSource) {
        return new JdbcDirectorySearch(dataSource);
    }

    @Bean
    DirectoryBrowse directoryBrowse(DataSource dataSource) {
        return new DirectoryBrowse(dataSource);
    }

    @Bean
    JdbcLearnedRecipients learnedRecipients(DataSource dataSource) {
        return new JdbcLearnedRecipients(dataSource);
    }

    @Bean
    DirectorySync directorySync(DirectoryImporter importer, DirectoryProperties properties, GuardProperties guard,
            com.misdeliveryguard.app.relay.UpstreamProperties upstream) {
        return new DirectorySync(importer, properties, guard, upstream.host() == null || upstream.host().isBlank());
    }
}
