package com.misdeliveryguard.directory.lookup;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.directory.store.DirectoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link ContactDirectory} over a {@link DirectoryStore} with Caffeine caches in front. Lists are
 * cached per (key, limit). Build with {@link #builder(DirectoryStore)}; call
 * {@link #invalidateAll()} after an import (the importer does when given this directory).
 */
public final class CachedContactDirectory implements ContactDirectory {

    /** How many candidates the lookalike index query may return before ranking. */
    static final int NEAR_QUERY_LIMIT = 200;

    private record Query(String key, int limit) {
    }

    private record DomainQuery(DomainName domain, int limit) {
    }

    private final DirectoryStore store;
    private final InternalDomains internalDomains;
    private final LoadingCache<String, Optional<Contact>> contactsByAddress;
    private final LoadingCache<DomainName, Optional<Organization>> organizationsByDomain;
    private final LoadingCache<String, Optional<Organization>> organizationsByName;
    private final LoadingCache<Long, Optional<Organization>> organizationsById;
    private final LoadingCache<Query, List<Contact>> contactsByOrganization;
    private final LoadingCache<DomainQuery, List<Contact>> contactsByDomain;
    private final LoadingCache<Query, List<Contact>> contactsByName;
    private final LoadingCache<DomainName, Optional<KnownDomain>> knownDomains;
    private final LoadingCache<DomainQuery, List<KnownDomain>> knownDomainsNear;

    private CachedContactDirectory(Builder builder) {
        this.store = builder.store;
        this.internalDomains = builder.internalDomains;
        this.contactsByAddress = builder.cache(builder.maximumSize, store::contactByAddressKey);
        this.organizationsByDomain = builder.cache(builder.maximumSize / 4, store::organizationOwning);
        this.organizationsByName = builder.cache(builder.maximumSize / 4, store::organizationByNameKey);
        this.organizationsById = builder.cache(builder.maximumSize / 4, id -> store.organization(new OrganizationId(id)));
        this.contactsByOrganization = builder.cache(builder.maximumListCount,
                query -> store.contactsOf(new OrganizationId(Long.parseLong(query.key())), query.limit()));
        this.contactsByDomain = builder.cache(builder.maximumListCount,
                query -> store.contactsAtDomain(query.domain(), query.limit()));
        this.contactsByName = builder.cache(builder.maximumListCount,
                query -> store.contactsByNameKey(query.key(), query.limit()));
        this.knownDomains = builder.cache(builder.maximumSize / 4, store::knownDomain);
        this.knownDomainsNear = builder.cache(builder.maximumListCount, this::loadNear);
    }

    public static Builder builder(DirectoryStore store) {
        return new Builder(store);
    }

    @Override
    public Optional<Contact> contactByAddress(MailAddress address) {
        return contactsByAddress.get(ContactAddresses.key(address));
    }

    @Override
    public Optional<Organization> organizationOwning(DomainName domain) {
        for (Optional<DomainName> name = Optional.of(domain); name.isPresent(); name = name.get().parent()) {
            Optional<Organization> owner = organizationsByDomain.get(name.get());
            if (owner.isPresent()) {
                return owner;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Organization> organizationNamed(String name) {
        String key = OrganizationName.keyOf(name);
        return key.isEmpty() ? Optional.empty() : organizationsByName.get(key);
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return organizationsById.get(id.value());
    }

    @Override
    public List<Contact> contactsOf(OrganizationId organization, int limit) {
        return contactsByOrganization.get(new Query(Long.toString(organization.value()), limit));
    }

    @Override
    public List<Contact> contactsAtDomain(DomainName domain, int limit) {
        return contactsByDomain.get(new DomainQuery(domain, limit));
    }

    @Override
    public List<Contact> contactsNamed(String name, int limit) {
        String key = TextKeys.nameKey(name);
        return key.isEmpty() ? List.of() : contactsByName.get(new Query(key, limit));
    }

    @Override
    public Optional<KnownDomain> knownDomain(DomainName domain) {
        return knownDomains.get(domain);
    }

    @Override
    public List<KnownDomain> knownDomainsNear(DomainName domain, int limit) {
        return knownDomainsNear.get(new DomainQuery(domain, limit));
    }

    /** Candidates from the index, the domain itself left out, those sharing the whole stem first. */
    private List<KnownDomain> loadNear(DomainQuery query) {
        String stem = DomainKeys.stemSkeleton(query.domain().ascii());
        return store.knownDomainsWithKeys(DomainKeys.keysOf(query.domain().ascii()), NEAR_QUERY_LIMIT).stream()
                .filter(known -> !known.domain().equals(query.domain()))
                .sorted((a, b) -> Boolean.compare(!DomainKeys.stemSkeleton(a.domain().ascii()).equals(stem),
                        !DomainKeys.stemSkeleton(b.domain().ascii()).equals(stem)))
                .limit(query.limit())
                .toList();
    }

    @Override
    public boolean isInternal(DomainName domain) {
        return internalDomains.contains(domain);
    }

    /** Forgets every cached answer; the next lookups ask the store. */
    public void invalidateAll() {
        contactsByAddress.invalidateAll();
        organizationsByDomain.invalidateAll();
        organizationsByName.invalidateAll();
        organizationsById.invalidateAll();
        contactsByOrganization.invalidateAll();
        contactsByDomain.invalidateAll();
        contactsByName.invalidateAll();
        knownDomains.invalidateAll();
        knownDomainsNear.invalidateAll();
    }

    /** Hit and miss counts of the address cache, the one every recipient goes through. */
    public CacheStats addressCacheStats() {
        return contactsByAddress.stats();
    }

    /** Configures the caches; only the store is required. */
    public static final class Builder {

        private final DirectoryStore store;
        private InternalDomains internalDomains = InternalDomains.none();
        private long maximumSize = 100_000;
        private long maximumListCount = 10_000;
        private Duration expireAfterWrite = Duration.ofMinutes(5);
        private Ticker ticker = Ticker.systemTicker();

        private Builder(DirectoryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The company's own domains, for {@link #isInternal}; give the store the same. */
        public Builder internalDomains(InternalDomains internalDomains) {
            this.internalDomains = Objects.requireNonNull(internalDomains, "internalDomains");
            return this;
        }

        /** Cached addresses at most (default 100,000); organization and domain caches hold a quarter. */
        public Builder maximumSize(long maximumSize) {
            this.maximumSize = requirePositive(maximumSize);
            return this;
        }

        /** Cached list answers at most (default 10,000). */
        public Builder maximumListCount(long maximumListCount) {
            this.maximumListCount = requirePositive(maximumListCount);
            return this;
        }

        /** How long an answer is trusted (default 5 minutes): the bound on staleness between instances. */
        public Builder expireAfterWrite(Duration expireAfterWrite) {
            this.expireAfterWrite = Objects.requireNonNull(expireAfterWrite, "expireAfterWrite");
            return this;
        }

        /** The time source of expiry; tests pass a fake one and advance it. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public CachedContactDirectory build() {
            return new CachedContactDirectory(this);
        }

        private <K, V> LoadingCache<K, V> cache(long size, Function<K, V> loader) {
            return Caffeine.newBuilder().maximumSize(Math.max(1, size)).expireAfterWrite(expireAfterWrite)
                    .ticker(ticker).recordStats().build(loader::apply);
        }

        private static long requirePositive(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("must be positive: " + value);
            }
            return value;
        }
    }
}
