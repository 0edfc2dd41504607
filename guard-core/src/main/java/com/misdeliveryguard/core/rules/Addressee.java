package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Organization;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom a piece of text addresses: a salutation line ({@code 株式会社あおば商事 営業部 田中様},
 * {@code Dear Ms. Suzuki}) or a display name ({@code 田中 太郎 (あおば商事)}).
 *
 * @param written      the text as written, for explanations
 * @param organization the directory organization it names, if any
 * @param person       the person's name as written, without titles and honorifics, if it names one
 */
record Addressee(String written, Optional<Organization> organization, Optional<String> person) {

    Addressee {
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(person, "person");
    }

    /** True when it names neither an organization of the directory nor a person (各位, ご担当者様, Dear all). */
    boolean namesNobody() {
        return organization.isEmpty() && person.isEmpty();
    }
}
