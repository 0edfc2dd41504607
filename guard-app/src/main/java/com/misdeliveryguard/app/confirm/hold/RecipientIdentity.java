package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an envelope recipient is, as the check resolved it ({@link ResolvedRecipient}) when the message
 * was held, and kept with the hold. The page, the notifications and {@code /my/held} show this — never
 * a second lookup that could disagree with the verdict.
 *
 * @param status       how well the directory knew the address
 * @param name         the contact's name
 * @param organization the contact's organization, else the organization owning the domain
 * @param department   the contact's department
 * @param internal     at one of the company's own domains
 */
public record RecipientIdentity(DirectoryStatus status, Optional<String> name, Optional<String> organization,
        Optional<String> department, boolean internal) {

    /** The identity of a recipient whose check failed before it was resolved. */
    public static final RecipientIdentity UNRESOLVED = new RecipientIdentity(DirectoryStatus.UNAVAILABLE,
            Optional.empty(), Optional.empty(), Optional.empty(), false);

    public RecipientIdentity {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(department, "department");
    }

    /** What the verdict said about the recipient. */
    public static RecipientIdentity of(ResolvedRecipient resolved) {
        return new RecipientIdentity(resolved.status(),
                resolved.contact().flatMap(Contact::name).map(PersonName::display),
                resolved.organization().map(Organization::name).map(n -> n.display()),
                resolved.contact().flatMap(Contact::department), resolved.internal());
    }

    /** True when a contact of the directory owns the address. */
    public boolean contact() {
        return status == DirectoryStatus.KNOWN_CONTACT;
    }
}
