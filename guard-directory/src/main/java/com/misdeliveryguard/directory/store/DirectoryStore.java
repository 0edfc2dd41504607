package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The directory's storage, asked with normalized keys (the cached lookup in front of it normalizes
 * what the rules pass). Every method is answered by indexed queries; none reads a whole table.
 * Thread-safe; each call uses its own connection from the data source. Failures surface as
 * {@link com.misdeliveryguard.core.directory.DirectoryUnavailableException}.
 */
public interface DirectoryStore {

    /** The contact whose address or alias has this key ({@code ContactAddresses.key}). */
    Optional<Contact> contactByAddressKey(String addressKey);

    List<Contact> contactsOf(OrganizationId organization, int limit);

    List<Contact> contactsAtDomain(DomainName domain, int limit);

    /**
     * Contacts whose name, family name, given name, reading or family reading has this key, at most
     * {@code limit}. When more match (a common surname), which ones come back is unspecified: the
     * query stops early instead of collecting every match.
     */
    List<Contact> contactsByNameKey(String nameKey, int limit);

    Optional<Organization> organization(OrganizationId id);

    /** The owner of exactly this domain. */
    Optional<Organization> organizationOwning(DomainName domain);

    /** The organization whose name has this key ({@code OrganizationName.key}). */
    Optional<Organization> organizationByNameKey(String nameKey);

    Optional<KnownDomain> knownDomain(DomainName domain);

    /** Known domains having any of the lookalike keys ({@code DomainKeys.keysOf}), at most {@code limit}. */
    List<KnownDomain> knownDomainsWithKeys(Collection<String> keys, int limit);

    /** How much the directory holds. */
    DirectoryCounts counts();

    /** Begins a write transaction. */
    DirectoryWriter openWriter();
}
