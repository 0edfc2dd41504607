package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code unknown-at-known-org}: the domain belongs to a known organization but the address is not a
 * contact (SPEC §5) — typically a typo in the local part ({@code tanaka.t@} for {@code t.tanaka@}) or a
 * person who left. Evidence, when it is close ({@link #isClose}: a third of the length at most): the contact
 * address at that domain whose local part is closest by
 * {@link EditDistance} (ties: the shorter distance in length, then alphabetical), looked up among the
 * contacts at the recipient's domain, else at the organization's other domains.
 */
final class RecipientIsNotAContactOfItsOrganization extends RecipientRule {

    /** Contacts compared per domain at most. */
    static final int CONTACTS_COMPARED = 500;
    /** Organization domains searched when the recipient's own domain has no contacts. */
    static final int DOMAINS_SEARCHED = 5;

    @Override
    public String id() {
        return RuleIds.UNKNOWN_AT_KNOWN_ORG;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (recipient.internal() || recipient.status() != DirectoryStatus.KNOWN_ORGANIZATION
                || recipient.organization().isEmpty()) {
            return Optional.empty();
        }
        Organization organization = recipient.organization().get();
        String address = recipient.address().toString();
        String domain = recipient.address().domain();
        Optional<Contact> closest = closest(recipient, organization, message.directory()).filter(c -> isClose(recipient, c));
        String org = Findings.name(organization);
        String ja = domain + " は" + org + "のドメインですが、宛先 " + address + " はアドレス帳にありません。";
        String en = domain + " belongs to " + org + ", but " + address + " is not one of its contacts.";
        if (closest.isPresent()) {
            ja += "もしかして " + Findings.describeJa(closest.get()) + "ですか？";
            en += " Did you mean " + Findings.describe(closest.get()) + "?";
        }
        return Optional.of(Findings.about(recipient, id(), Severity.HIGH, ja, en, Findings.evidence(
                "organization", org,
                "closestContact", closest.map(c -> c.address().toString()).orElse(null),
                "closestContactName", closest.flatMap(Contact::name).map(n -> n.display()).orElse(null))));
    }

    /** A suggestion is made only when close: at most a third of the local part's length apart (1 to 3 edits). */
    static boolean isClose(ResolvedRecipient recipient, Contact contact) {
        String local = recipient.address().localPart().toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, local.length() / 3));
        return EditDistance.between(local, contact.address().localPart().toLowerCase(Locale.ROOT)) <= allowed;
    }

    private static Optional<Contact> closest(ResolvedRecipient recipient, Organization organization,
            ContactDirectory directory) {
        List<Contact> candidates = new ArrayList<>(
                directory.contactsAtDomain(DomainName.of(recipient.address()), CONTACTS_COMPARED));
        if (candidates.isEmpty()) {
            organization.domains().stream().limit(DOMAINS_SEARCHED)
                    .forEach(domain -> candidates.addAll(directory.contactsAtDomain(domain, CONTACTS_COMPARED)));
        }
        String local = recipient.address().localPart().toLowerCase(Locale.ROOT);
        return candidates.stream().min(Comparator
                .comparingInt((Contact c) -> EditDistance.between(local, c.address().localPart().toLowerCase(Locale.ROOT)))
                .thenComparingInt(c -> Math.abs(c.address().localPart().length() - local.length()))
                .thenComparing(c -> c.address().toString()));
    }
}
