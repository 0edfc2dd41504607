package com.misdeliveryguard.app.directory;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.cluster.coherence.CacheCoherence;
import com.misdeliveryguard.app.cluster.coherence.CacheCoherence.Topic;
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
 * invalidates the cache after each change, and the one cached learned-recipient list. Both caches
 * tell the other instances on the database of each change, and drop what those changed
 * ({@link CacheCoherence}, ADR 0013).
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
            DirectoryProperties properties, CacheCoherence coherence) {
        CachedContactDirectory directory = CachedContactDirectory.builder(store).internalDomains(internal)
                .maximumSize(properties.cacheSize()).expireAfterWrite(properties.cacheTtl()).build();
        coherence.register(Topic.DIRECTORY, key -> directory.invalidateAll(), directory::invalidateAll);
        return directory;
    }

    /** Every change of the directory (imports, LDAP, approved requests) goes through here, after its commit. */
    @Bean
    DirectoryImporter directoryImporter(JdbcDirectoryStore store, CachedContactDirectory directory, Clock clock,
            CacheCoherence coherence) {
        return DirectoryImporter.builder(store).afterChange(() -> {
            directory.invalidateAll();
            coherence.changedAll(Topic.DIRECTORY);
        }).clock(clock).build();
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
    CachedLearnedRecipients learnedRecipients(DataSource dataSource, CacheCoherence coherence) {
        CachedLearnedRecipients learned = new CachedLearnedRecipients(new JdbcLearnedRecipients(dataSource),
                key -> coherence.changed(Topic.LEARNED_RECIPIENTS, key));
        coherence.register(Topic.LEARNED_RECIPIENTS, learned::invalidate, learned::invalidateAll);
        return learned;
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
