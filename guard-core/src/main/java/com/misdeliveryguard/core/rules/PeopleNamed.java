package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.Organization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory's people that a written name (and organization, when one is named) refers to: asked
 * by the name and its kana readings ({@link PersonKeys#queries}), kept when {@link PersonKeys#matches}
 * agrees and, with an organization, only its members. A common surname matches more people than
 * {@value #LIMIT}; which come back is then unspecified, so absence is weak evidence and rules treat it
 * as "names nobody".
 */
final class PeopleNamed {

    static final int LIMIT = 50;

    private PeopleNamed() {
    }

    static List<Contact> in(ContactDirectory directory, String person, Optional<Organization> organization) {
        Set<String> keys = PersonKeys.ofWritten(person);
        Map<String, Contact> found = new LinkedHashMap<>();
        for (String query : PersonKeys.queries(person)) {
            for (Contact contact : directory.contactsNamed(query, LIMIT)) {
                if (organization.map(org -> belongsTo(contact, org)).orElse(true) && PersonKeys.matches(keys, contact)) {
                    found.putIfAbsent(contact.address().toString(), contact);
                }
            }
        }
        return List.copyOf(found.values());
    }

    static boolean belongsTo(Contact contact, Organization organization) {
        return contact.organization().filter(ref -> ref.id().equals(organization.id())).isPresent()
                || organization.domains().stream().anyMatch(domain -> domain.ascii().equals(contact.address().domain()));
    }
}
