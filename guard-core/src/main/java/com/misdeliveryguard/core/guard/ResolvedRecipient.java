package com.misdeliveryguard.core.guard;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One envelope recipient as the check saw it: where it appears, what the header called it and what
 * the directory knows. This is what the confirmation page and the check API show per recipient.
 *
 * @param address      the canonical envelope address
 * @param role         To, Cc or Bcc
 * @param displayName  the decoded display name of the header, empty string when none (always for Bcc)
 * @param status       how well the directory knows the address
 * @param contact      the contact owning the address, when {@code status} is {@link DirectoryStatus#KNOWN_CONTACT}
 * @param organization the recipient's organization: the contact's, else the owner of the domain
 * @param internal     true when the address is at one of the company's own domains
 */
public record ResolvedRecipient(MailAddress address, RecipientRole role, String displayName, DirectoryStatus status,
        Optional<Contact> contact, Optional<Organization> organization, boolean internal) {

    public ResolvedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(organization, "organization");
        if (contact.isPresent() != (status == DirectoryStatus.KNOWN_CONTACT)) {
            throw new IllegalArgumentException("a contact goes with KNOWN_CONTACT and only with it");
        }
    }

    /** True when the address is outside the company's own domains. */
    public boolean external() {
        return !internal;
    }

    /** True for To and Cc: the other recipients see this address. */
    public boolean visible() {
        return role != RecipientRole.BCC;
    }
}
