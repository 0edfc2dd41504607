package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person of the directory, as the rules and the confirmation page see them.
 *
 * @param address      the primary address (local part as written, domain normalized)
 * @param name         the name, when the source gave one
 * @param reading      the reading of the name (kana), when known
 * @param organization the organization, when known
 * @param department   the department, when known
 * @param aliases      further addresses of the same person; lookups find the contact by them too
 * @param internal     true when the address is at one of the internal domains
 * @param source       where the contact came from
 * @param updatedAt    when an import last changed it
 */
public record Contact(MailAddress address, Optional<PersonName> name, Optional<PersonName> reading,
        Optional<OrganizationRef> organization, Optional<String> department, List<MailAddress> aliases,
        boolean internal, SourceId source, Instant updatedAt) {

    public Contact {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(department, "department");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** True when the address or one of the aliases is the given one (compared by key). */
    public boolean hasAddress(MailAddress other) {
        String key = ContactAddresses.key(other);
        return ContactAddresses.key(address).equals(key)
                || aliases.stream().anyMatch(alias -> ContactAddresses.key(alias).equals(key));
    }
}
