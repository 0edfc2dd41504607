package com.misdeliveryguard.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What the directory said about one recipient when the verdict was given.
 *
 * @param classification internal, known contact, known organization, learned or unknown
 * @param name           the contact's name
 * @param organization   the organization's name
 * @param department     the contact's department
 */
public record DirectoryMatch(RecipientClass classification, Optional<String> name, Optional<String> organization,
        Optional<String> department) {

    public DirectoryMatch {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(department, "department");
    }

    public static DirectoryMatch unknown() {
        return new DirectoryMatch(RecipientClass.UNKNOWN, Optional.empty(), Optional.empty(), Optional.empty());
    }

    Details details() {
        return Details.create().put("class", classification).put("name", name).put("organization", organization)
                .put("department", department);
    }
}
