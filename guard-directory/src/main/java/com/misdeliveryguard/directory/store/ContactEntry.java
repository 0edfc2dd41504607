package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.directory.OrganizationName;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A contact as an import writes it: everything but what the store assigns (ids, time stamps,
 * domain ownership).
 *
 * @param address      the primary address; the contact's identity (compared by key)
 * @param name         the name, if the source has one
 * @param reading      the reading of the name (kana), if known
 * @param organization the organization; created when no organization has its key yet
 * @param department   the department, if known
 * @param aliases      further addresses of the person
 * @param source       where the contact comes from
 */
public record ContactEntry(MailAddress address, Optional<PersonName> name, Optional<PersonName> reading,
        Optional<OrganizationName> organization, Optional<String> department, List<MailAddress> aliases,
        SourceId source) {

    static final int MAX_DEPARTMENT = 300;

    public ContactEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(organization, "organization");
        department = department.map(d -> TextKeys.collapseSpaces(d)).filter(d -> !d.isEmpty());
        if (department.filter(d -> d.length() > MAX_DEPARTMENT || d.chars().anyMatch(Character::isISOControl))
                .isPresent()) {
            throw new IllegalArgumentException("department longer than " + MAX_DEPARTMENT
                    + " characters or with control characters");
        }
        aliases = distinctAliases(address, aliases);
        Objects.requireNonNull(source, "source");
    }

    /** The aliases without the primary address and without repeats, compared by key. */
    private static List<MailAddress> distinctAliases(MailAddress address, List<MailAddress> aliases) {
        Set<String> keys = new HashSet<>();
        keys.add(ContactAddresses.key(address));
        return aliases.stream().filter(alias -> keys.add(ContactAddresses.key(alias))).toList();
    }
}
