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
 *
 * <p>Mentions ({@link Mentions}, ADR 0007) weigh below the salutation: a salutation naming a person only
 * ({@code 田中様}) takes its organization from the body when the body names exactly one external organization
 * with an honorific ({@code あおば商事様向けの…}) that has such a person (MEDIUM); without a salutation finding,
 * a subject naming external organizations none of which is a recipient's, while every recipient belongs to
 * another known organization, fires too ({@code 【北斗システム様】ご提案} to a bank).
 */
final class SalutationAddressesSomeoneElse implements Rule {

    private enum Match { YES, NO, CANNOT_TELL }

    @Override
    public String id() {
        return RuleIds.SALUTATION_MISMATCH;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        if (!message.goesOutside()) {
            return List.of();
        }
        if (!message.facts().openingLines().isEmpty()) {
            Optional<Finding> salutation = salutation(message);
            if (salutation.isPresent()) {
                return List.of(salutation.get());
            }
        }
        return subject(message).map(List::of).orElse(List.of());
    }

    private Optional<Finding> salutation(CheckedMessage message) {
        Salutations salutations = new Salutations(new AddresseeReader(message.directory()));
        List<Organization> mentioned = null;
        for (Addressee written : salutations.in(message.facts().openingLines())) {
            if (written.namesNobody()) {
                continue;
            }
            Addressee addressee = written;
            List<Contact> people = addressee.person()
                    .map(person -> PeopleNamed.in(message.directory(), person, written.organization()))
                    .orElse(List.of());
            Optional<Organization> fromBody = Optional.empty();
            if (addressee.organization().isEmpty() && addressee.person().isPresent()) {
                mentioned = mentioned != null ? mentioned : external(new Mentions(message.directory())
                        .inBody(message.facts().openingLines()));
                if (mentioned.size() == 1) {
                    List<Contact> there = PeopleNamed.in(message.directory(), addressee.person().get(),
                            Optional.of(mentioned.get(0)));
                    if (!there.isEmpty()) {
                        fromBody = Optional.of(mentioned.get(0));
                        addressee = new Addressee(written.written(), fromBody, written.person());
                        people = there;
                    }
                }
            }
            if (people.isEmpty() && addressee.organization().isEmpty()) {
                continue;
            }
            Set<String> keys = addressee.person().map(PersonKeys::ofWritten).orElse(Set.of());
            Addressee judged = addressee;
            List<Contact> named = people;
            boolean toldApart = message.recipients().stream()
                    .allMatch(recipient -> match(judged, keys, named, recipient) == Match.NO);
            if (toldApart) {
                return Optional.of(finding(judged, people, fromBody));
            }
        }
        return Optional.empty();
    }

    /**
     * The subject names external organizations of the directory and none of them is a recipient's: every
     * recipient belongs to another known organization (a recipient of unknown organization cannot be told).
     */
    private Optional<Finding> subject(CheckedMessage message) {
        if (message.facts().subject().isBlank()) {
            return Optional.empty();
        }
        List<Organization> named = external(new Mentions(message.directory()).inSubject(message.facts().subject()));
        if (named.isEmpty()) {
            return Optional.empty();
        }
        boolean toldApart = message.recipients().stream().allMatch(recipient -> recipient.organization()
                .filter(org -> named.stream().noneMatch(n -> n.id().equals(org.id()))).isPresent());
        if (!toldApart) {
            return Optional.empty();
        }
        String subject = Findings.quote(message.facts().subject());
        String names = named.stream().map(Findings::name).collect(Collectors.joining("、"));
        String recipients = message.recipients().stream().map(r -> Findings.name(r.organization().get())).distinct()
                .collect(Collectors.joining("、"));
        return Optional.of(Findings.aboutMessage(id(), Severity.HIGH,
                "件名「" + subject + "」は " + names + " を指していますが、宛先は " + recipients + " です。宛先を確認してください。",
                "The subject \"" + subject + "\" names " + names + ", but the recipients belong to " + recipients + ".",
                Findings.evidence("subject", subject, "organization", names, "recipientOrganizations", recipients)));
    }

    private static List<Organization> external(List<Organization> organizations) {
        return organizations.stream().filter(org -> !org.internal()).toList();
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

    private Finding finding(Addressee addressee, List<Contact> people, Optional<Organization> fromBody) {
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
        String bodyJa = fromBody.map(org -> "（本文に「" + Findings.name(org) + "様」とあります）").orElse("");
        String bodyEn = fromBody.map(org -> " (the body names " + Findings.name(org) + ")").orElse("");
        return Findings.aboutMessage(id(), fromBody.isPresent() ? Severity.MEDIUM : Severity.HIGH,
                "本文の宛名「" + written + "」" + bodyJa + "は" + namedJa + "を指していますが、宛先に含まれていません。宛先を確認してください。",
                "The salutation \"" + written + "\"" + bodyEn + " addresses " + named + ", who is not among the recipients.",
                Findings.evidence("salutation", written,
                        "organization", addressee.organization().map(Findings::name).orElse(null),
                        "bodyMention", fromBody.map(Findings::name).orElse(null),
                        "addressed", people.isEmpty() ? null
                                : people.stream().limit(3).map(c -> c.address().toString()).collect(Collectors.joining(", "))));
    }
}
