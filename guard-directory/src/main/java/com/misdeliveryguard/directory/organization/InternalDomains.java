package com.misdeliveryguard.directory.organization;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The company's own domains ({@code guard.internal-domains}). A domain is internal when it is one
 * of them or a sub-domain of one; everything else is external.
 */
public final class InternalDomains {

    private static final InternalDomains NONE = new InternalDomains(Set.of());

    private final Set<DomainName> domains;

    private InternalDomains(Set<DomainName> domains) {
        this.domains = Set.copyOf(domains);
    }

    /**
     * @throws IllegalArgumentException when one of the texts is not a domain name
     */
    public static InternalDomains of(Collection<String> domains) {
        return new InternalDomains(domains.stream().map(DomainName::of).collect(Collectors.toSet()));
    }

    /** No internal domains: everything is external. */
    public static InternalDomains none() {
        return NONE;
    }

    public boolean contains(DomainName domain) {
        for (DomainName internal : domains) {
            if (domain.isWithin(internal)) {
                return true;
            }
        }
        return false;
    }

    /** The configured domains, unordered. */
    public Set<DomainName> domains() {
        return domains;
    }

    @Override
    public String toString() {
        return "InternalDomains" + domains;
    }
}
