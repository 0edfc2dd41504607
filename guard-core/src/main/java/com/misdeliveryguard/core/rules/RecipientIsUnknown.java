package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;
import java.util.Optional;

/**
 * {@code unknown-recipient}: the address is in no directory entry, no learned list, and its domain
 * belongs to no organization (SPEC §5). A learned recipient (SPEC §4) is not held for being unknown but
 * gets a {@link Severity#LOW} note, so that the log still shows it was not a directory contact.
 *
 * <p>A private or carrier address whose display name is the full name of exactly one directory person
 * suggests that person's directory address ({@code didYouMean}).
 *
 * <p>Internal addresses are left alone: mail to an internal address that nobody has goes to the company's
 * own mail server, which refuses it, and nothing leaves the company.
 */
final class RecipientIsUnknown extends RecipientRule {

    @Override
    public String id() {
        return RuleIds.UNKNOWN_RECIPIENT;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (recipient.internal()) {
            return Optional.empty();
        }
        String address = recipient.address().toString();
        if (recipient.status() == DirectoryStatus.LEARNED) {
            return Optional.of(Findings.about(recipient, id(), Severity.LOW,
                    "宛先 " + address + " はアドレス帳にありませんが、以前に確認済みの宛先です。",
                    address + " is not in the address directory, but you confirmed it before.",
                    Findings.evidence("learned", "true")));
        }
        if (recipient.status() != DirectoryStatus.UNKNOWN) {
            return Optional.empty();
        }
        String domain = recipient.address().domain();
        Optional<Contact> person = knownPerson(recipient, message);
        String hintJa = person.map(p -> "表示名はアドレス帳の " + Findings.describe(p) + " と同じです。もしかして "
                + p.address() + " ですか？").orElse("");
        String hintEn = person.map(p -> " The display name is that of " + Findings.describe(p) + " in the directory. Did you mean "
                + p.address() + "?").orElse("");
        return Optional.of(Findings.about(recipient, id(), Severity.HIGH,
                "宛先 " + address + " はアドレス帳に登録されておらず、ドメイン " + domain
                        + " もどの組織のものでもありません。宛先が正しいか確認してください。" + hintJa,
                address + " is not in the address directory, and its domain " + domain
                        + " belongs to no known organization. Check that the address is right." + hintEn,
                Findings.evidence("domain", domain,
                        "knownPerson", person.flatMap(Contact::name).map(PersonName::display).orElse(null),
                        "didYouMean", person.map(p -> p.address().toString()).orElse(null),
                        "suggestedAddress", person.map(p -> p.address().toString()).orElse(null),
                        "suggestedName", person.flatMap(Contact::name).map(PersonName::display).orElse(null))));
    }

    /**
     * A private or carrier address whose display name is the full name of exactly one directory person
     * ({@code 田中 一郎 <tanaka.ichiro1975@gmail.com>}): that person's directory address is the suggestion.
     */
    private static Optional<Contact> knownPerson(ResolvedRecipient recipient, CheckedMessage message) {
        String displayKey = TextKeys.nameKey(recipient.displayName());
        if (displayKey.length() < 3) {
            return Optional.empty();
        }
        List<Contact> named = PeopleNamed.in(message.directory(), recipient.displayName(), Optional.empty()).stream()
                .filter(c -> c.name().map(PersonName::key).filter(displayKey::equals).isPresent()
                        || c.name().filter(n -> n.familyKey().isPresent() && n.givenKey().isPresent())
                        .map(n -> (n.givenKey().get() + n.familyKey().get()).equals(displayKey)).orElse(false)
                        || c.reading().map(PersonName::key).filter(displayKey::equals).isPresent())
                .limit(2).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
}
