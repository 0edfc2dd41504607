package com.misdeliveryguard.core.directory;

import java.util.List;
import java.util.Objects;

/**
 * An organization of the directory.
 *
 * @param id       the store's identifier
 * @param name     the name as first written, compared by its key
 * @param domains  the domains it owns, sorted; may be empty (an organization known only by name)
 * @param internal true when one of its domains is one of the configured internal domains
 */
public record Organization(OrganizationId id, OrganizationName name, List<DomainName> domains, boolean internal) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        domains = domains.stream().sorted().toList();
    }

    /** This organization as a reference. */
    public OrganizationRef ref() {
        return new OrganizationRef(id, name);
    }
}
