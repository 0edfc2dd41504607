package com.misdeliveryguard.app.directory;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.learned.CachedLearnedRecipients;
import com.misdeliveryguard.directory.learned.JdbcLearnedRecipients;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.search.DirectoryBrowse;
import com.misdeliveryguard.directory.search.JdbcDirectorySearch;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the directory: the JDBC store on the application's DataSource (schema by Flyway,
 * {@code V100__directory.sql}), the Caffeine-cached lookup the rules use, the importer that
 * invalidates the cache after each change, and the one cached learned-recipient list.
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

    /**
     * The one learned-recipient component of the application: the relay's rule engine, the check API
     * and the confirmation all use this cached view, so a confirmation's {@code learn} drops the cached
     * answer that the next message from the same sender is checked with (no stale "unknown" for
     * minutes). Nothing else may wrap the store in a cache of its own.
     */
    @Bean
    CachedLearnedRecipients learnedRecipients(DataSource dataSource) {
        return new CachedLearnedRecipients(new JdbcLearnedRecipients(dataSource));
    }

    @Bean
    DirectoryBrowse directoryBrowse(DataSource dataSource) {
        return new DirectoryBrowse(dataSource);
    }

    @Bean
    DirectorySync directorySync(DirectoryImporter importer, DirectoryProperties properties, GuardProperties guard,
            com.misdeliveryguard.app.relay.UpstreamProperties upstream, ApplicationEventPublisher events) {
        return new DirectorySync(importer, properties, guard, upstream.host() == null || upstream.host().isBlank(),
                events);
    }

    @Bean("directory")
    DirectoryHealthIndicator directoryHealthIndicator(DirectorySync sync) {
        return new DirectoryHealthIndicator(sync);
    }
}
