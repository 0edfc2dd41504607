package com.misdeliveryguard.core.directory;

import java.util.Objects;
import java.util.Optional;

/**
 * A domain the directory knows: some contact has an address there, or an organization owns it.
 *
 * @param domain the domain
 * @param owner  the organization owning it, if any (free-mail domains have none)
 */
public record KnownDomain(DomainName domain, Optional<OrganizationRef> owner) {

    public KnownDomain {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(owner, "owner");
    }
}
