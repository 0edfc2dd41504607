package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code salutation-mismatch}: the opening lines address a person or organization of the directory who is
 * not among the recipients (SPEC §5) — the estimate for あおば商事 that went to みどり銀行.
 *
 * <p>Each addressee of the {@link Salutations salutation} is compared with every envelope recipient:
 * <ul>
 *   <li>an organization it names (and the directory knows) matches a recipient of that organization and
 *       no other; a recipient whose organization is unknown cannot be told;</li>
 *   <li>a person it names matches a contact whose name or reading matches ({@link PersonKeys}); a recipient
 *       that is no contact cannot be told. The person counts only when the directory has such a person (in
 *       that organization, when one is named): a name the directory does not know is no evidence;</li>
 *   <li>the rule fires when some recipient can be told and every recipient is told apart — so
 *       {@code あおば商事 田中様} sent to the 田中 of みどり銀行 fires, {@code 田中様} sent to any known 田中 does
 *       not, and a salutation to an unknown recipient is left to the unknown rules.</li>
 * </ul>
 * Generic forms (各位, 関係者各位, ご担当者様, Dear all) name nobody. Mail that does not leave the company is
 * not judged.
 */
final class SalutationAddressesSomeoneElse implements Rule {

    private enum Match { YES, NO, CANNOT_TELL }

    @Override
    public String id() {
        return RuleIds.SALUTATION_MISMATCH;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        if (!message.goesOutside() || message.facts().openingLines().isEmpty()) {
            return List.of();
        }
        Salutations salutations = new Salutations(new AddresseeReader(message.directory()));
        for (Addressee addressee : salutations.in(message.facts().openingLines())) {
            if (addressee.namesNobody()) {
                continue;
            }
            List<Contact> people = addressee.person()
                    .map(person -> PeopleNamed.in(message.directory(), person, addressee.organization()))
                    .orElse(List.of());
            if (people.isEmpty() && addressee.organization().isEmpty()) {
                continue;
            }
            Set<String> written = addressee.person().map(PersonKeys::ofWritten).orElse(Set.of());
            boolean toldApart = message.recipients().stream()
                    .allMatch(recipient -> match(addressee, written, people, recipient) == Match.NO);
            if (toldApart) {
                return List.of(finding(addressee, people));
            }
        }
        return List.of();
    }

    private static Match match(Addressee addressee, Set<String> written, List<Contact> people,
            ResolvedRecipient recipient) {
        Match result = Match.YES;
        if (addressee.organization().isPresent()) {
            Optional<Organization> organization = recipient.organization();
            if (organization.isEmpty()) {
                result = Match.CANNOT_TELL;
            } else if (!organization.get().id().equals(addressee.organization().get().id())) {
                return Match.NO;
            }
        }
        if (!people.isEmpty()) {
            if (recipient.status() != DirectoryStatus.KNOWN_CONTACT || recipient.contact().get().name().isEmpty()) {
                return Match.CANNOT_TELL;
            }
            Contact contact = recipient.contact().get();
            if (!PersonKeys.matches(written, contact)) {
                return Match.NO;
            }
        }
        return result;
    }

    private Finding finding(Addressee addressee, List<Contact> people) {
        String named;
        String namedJa;
        if (!people.isEmpty()) {
            named = people.stream().limit(3).map(Findings::describe).collect(Collectors.joining(" / "));
            namedJa = people.stream().limit(3).map(Findings::describeJa).collect(Collectors.joining("、"));
        } else {
            named = Findings.name(addressee.organization().get());
            namedJa = named;
        }
        String written = Findings.quote(addressee.written());
        return Findings.aboutMessage(id(), Severity.HIGH,
                "本文の宛名「" + written + "」は" + namedJa + "を指していますが、宛先に含まれていません。宛先を確認してください。",
                "The salutation \"" + written + "\" addresses " + named + ", who is not among the recipients.",
                Findings.evidence("salutation", written,
                        "organization", addressee.organization().map(Findings::name).orElse(null),
                        "addressed", people.isEmpty() ? null
                                : people.stream().limit(3).map(c -> c.address().toString()).collect(Collectors.joining(", "))));
    }
}
