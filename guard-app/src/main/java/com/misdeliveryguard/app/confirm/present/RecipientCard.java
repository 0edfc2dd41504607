package com.misdeliveryguard.app.confirm.present;

import java.util.Objects;
import java.util.Optional;

/**
 * What the directory says about one recipient, as the page and the notification show it.
 *
 * @param address       the address in its ASCII form (what the mail is really sent to)
 * @param unicodeDomain the domain in Unicode when it differs from the ASCII form (IDN), to show both
 * @param name          the contact's name
 * @param organization  the contact's organization, or the organization owning the domain
 * @param department    the contact's department
 * @param internal      at one of the organization's own domains
 * @param standing      how well the directory knows the address
 * @param group         what the page groups recipients by: the organization's name, else the domain
 */
public record RecipientCard(String address, Optional<String> unicodeDomain, Optional<String> name,
        Optional<String> organization, Optional<String> department, boolean internal, Standing standing,
        String group) {

    /** How well the directory knows an address. */
    public enum Standing {
        /** A contact of the directory. */
        CONTACT,
        /** Not a contact, but the domain belongs to a known organization. */
        KNOWN_ORGANIZATION,
        /** Not in the directory; this sender confirmed it before. */
        LEARNED,
        /** Nothing known. */
        UNKNOWN,
        /** The directory could not be asked. */
        UNAVAILABLE;

        /** The message-bundle key of its label. */
        public String key() {
            return "standing." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RecipientCard {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(unicodeDomain, "unicodeDomain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(group, "group");
    }

    /** "name / organization / department" with what is known, or empty. */
    public String affiliation() {
        return String.join(" / ", java.util.stream.Stream.of(organization, department).flatMap(Optional::stream)
                .toList());
    }

    /** Not in the directory as a person (unknown, learned, or only the organization known). */
    public boolean unknownPerson() {
        return standing != Standing.CONTACT;
    }
}
