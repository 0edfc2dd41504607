package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.OrganizationName;
import java.util.Objects;

/**
 * An explicit statement that an organization owns a domain (a canonical CSV row {@code @domain}).
 * It overrides an owner inferred from contacts or declared before.
 */
public record DomainClaim(DomainName domain, OrganizationName organization) {

    public DomainClaim {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(organization, "organization");
    }
}
