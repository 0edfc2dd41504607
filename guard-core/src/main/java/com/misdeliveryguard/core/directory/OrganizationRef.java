package com.misdeliveryguard.core.directory;

import java.util.Objects;

/** A pointer to an organization with its name, as carried by a contact or a known domain. */
public record OrganizationRef(OrganizationId id, OrganizationName name) {

    public OrganizationRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
