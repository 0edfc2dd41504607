package com.misdeliveryguard.core.directory;

/** The store's identifier of an organization; positive. */
public record OrganizationId(long value) {

    public OrganizationId {
        if (value <= 0) {
            throw new IllegalArgumentException("organization id must be positive: " + value);
        }
    }
}
