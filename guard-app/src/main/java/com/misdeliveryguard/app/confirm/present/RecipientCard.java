package com.misdeliveryguard.app.confirm.present;

import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.RecipientIdentity;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One recipient as people see it on the confirmation page, in the notification, on {@code /my/held} and
 * on the administrators' hold pages: built only from what the hold recorded (the verdict's resolved
 * recipient, {@link RecipientIdentity}), never from a second directory lookup.
 *
 * @param address       the address in its ASCII form (what the mail is really sent to)
 * @param unicodeDomain the domain in Unicode when it differs from the ASCII form (IDN), to show both
 * @param name          the contact's name
 * @param organization  the contact's organization, or the organization owning the domain
 * @param department    the contact's department
 * @param internal      at one of the organization's own domains
 * @param standing      how well the directory knew the address when the message was checked
 * @param group         what the page groups recipients by: the organization's name, else the domain
 */
public record RecipientCard(String address, Optional<String> unicodeDomain, Optional<String> name,
        Optional<String> organization, Optional<String> department, boolean internal, DirectoryStatus standing,
        String group) {

    public RecipientCard {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(unicodeDomain, "unicodeDomain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(group, "group");
    }

    /** The card of an envelope recipient of a hold. */
    public static RecipientCard of(HeldRecipient recipient) {
        String address = recipient.mailAddress().map(Object::toString).orElse(recipient.address());
        Optional<String> unicode = recipient.mailAddress().map(DomainName::of)
                .filter(d -> !d.unicode().equals(d.ascii())).map(DomainName::unicode);
        String domain = unicode.orElse(address.substring(address.lastIndexOf('@') + 1));
        RecipientIdentity who = recipient.who();
        return new RecipientCard(address, unicode, who.name(), who.organization(), who.department(), who.internal(),
                who.status(), who.organization().orElse(domain));
    }

    /** The message-bundle key of the standing's label. */
    public String standingKey() {
        return "standing." + standing.name().toLowerCase(Locale.ROOT);
    }

    /** "organization / department" with what is known, or empty. */
    public String affiliation() {
        return String.join(" / ", Stream.of(organization, department).flatMap(Optional::stream).toList());
    }

    /** Not in the directory as a person (unknown, learned, or only the organization known). */
    public boolean unknownPerson() {
        return standing != DirectoryStatus.KNOWN_CONTACT;
    }

    /** "田中 一郎 <tanaka@aoba-shoji.co.jp>", or the bare address when the directory has no name. */
    public String nameAndAddress() {
        return name.map(n -> PlainText.line(n, 100) + " <" + address + ">").orElse(address);
    }
}
