package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code display-name-mismatch}: the display name in To/Cc names a different directory person than the
 * one who owns the address (SPEC §5) — {@code "田中 太郎" <suzuki@…>}, what an address book one row off
 * or a hand-edited header produces.
 *
 * <p>Only recipients the directory knows by name are judged. The display name is read like a salutation
 * ({@link AddresseeReader}: organization, department, titles and honorifics apart). It names someone else
 * when it does not match the owner ({@link PersonKeys}) and the directory has a person of that name (in the
 * organization it names, if any) other than the owner; or when it matches the owner's name but names
 * another organization where a person of that name is (two 田中 太郎 at two companies); or when it names
 * only an organization, and another one than the owner's. A name the directory does not know is no evidence.
 */
final class DisplayNameNamesSomeoneElse extends RecipientRule {

    private static final Pattern HONORIFIC = Pattern.compile("(?i)\\s*(様|さま|殿|さん|御中|[- ]san)\\s*$");

    @Override
    public String id() {
        return RuleIds.DISPLAY_NAME_MISMATCH;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        String display = recipient.displayName().strip();
        if (!recipient.visible() || recipient.status() != DirectoryStatus.KNOWN_CONTACT || display.isEmpty()
                || display.contains("@")) {
            return Optional.empty();
        }
        Contact owner = recipient.contact().get();
        String name = HONORIFIC.matcher(display).replaceFirst("");
        if (PersonKeys.ofContact(owner).contains(TextKeys.nameKey(name))) {
            return Optional.empty(); // the common case: the owner's name as the directory writes it
        }
        Optional<Addressee> read = new AddresseeReader(message.directory()).read(name);
        if (read.isEmpty() || read.get().namesNobody()) {
            return Optional.empty();
        }
        Addressee addressee = read.get();
        Optional<Organization> named = addressee.organization();
        boolean otherOrganization = named.isPresent() && recipient.organization().isPresent()
                && !named.get().id().equals(recipient.organization().get().id());
        if (addressee.person().isEmpty()) {
            return otherOrganization ? Optional.of(finding(recipient, display, owner, Findings.name(named.get())))
                    : Optional.empty();
        }
        if (owner.name().isEmpty()) {
            return Optional.empty();
        }
        String person = addressee.person().get();
        boolean namesOwner = PersonKeys.matches(PersonKeys.ofWritten(person), owner);
        if (namesOwner && !otherOrganization) {
            return Optional.empty();
        }
        List<Contact> others = PeopleNamed.in(message.directory(), person, named).stream()
                .filter(other -> !other.hasAddress(recipient.address())).toList();
        return others.isEmpty() ? Optional.empty()
                : Optional.of(finding(recipient, display, owner, Findings.describe(others.get(0))));
    }

    private Finding finding(ResolvedRecipient recipient, String display, Contact owner, String named) {
        String shown = Findings.quote(display);
        String ownerText = Findings.describe(owner);
        return Findings.about(recipient, id(), Severity.HIGH,
                "表示名「" + shown + "」は " + named + " を指していますが、アドレス " + recipient.address() + " は "
                        + Findings.describeJa(owner) + "のものです。",
                "The display name \"" + shown + "\" names " + named + ", but " + recipient.address()
                        + " belongs to " + ownerText + ".",
                Findings.evidence("displayName", shown, "named", named, "owner", ownerText));
    }
}
