package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code namesake-of-usual-recipient}: autocomplete picked the namesake (SPEC §5, ADR 0007). An external
 * recipient that the sender has written to fewer than {@code usualRecipientAfter} times (default 3) has
 * the same name as someone the sender writes to at least that often — the outside 木村 for the colleague
 * 木村 whom the sender mails every week. Suggests the usual person.
 *
 * <p>Same name: the same family name key (variant kanji and width folded), the same family-name reading, or
 * the recipient's display name is the usual person's full name. A learned recipient or a confirmation does
 * not silence the rule: only deliveries count, and a confirmation is one delivery. Without history (a new
 * sender, or a store that cannot answer) the rule finds nothing.
 */
final class NamesakeOfUsualRecipient implements Rule {

    /** Correspondents read per message at most. */
    static final int CORRESPONDENTS = 200;

    private final SenderHistory history;
    private final int usualAfter;

    NamesakeOfUsualRecipient(SenderHistory history, int usualAfter) {
        this.history = history;
        this.usualAfter = usualAfter;
    }

    @Override
    public String id() {
        return RuleIds.NAMESAKE_OF_USUAL_RECIPIENT;
    }

    private record Usual(Contact contact, Correspondent correspondent, Set<String> keys) {
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        Optional<MailAddress> sender = message.envelope().sender().address();
        if (sender.isEmpty() || !message.goesOutside()) {
            return List.of();
        }
        List<Correspondent> correspondents;
        try {
            correspondents = history.correspondentsOf(sender.get(), CORRESPONDENTS);
        } catch (RuntimeException unavailable) {
            return List.of();
        }
        Map<String, Integer> deliveries = new HashMap<>();
        List<Usual> usual = new ArrayList<>();
        for (Correspondent correspondent : correspondents) {
            deliveries.put(ContactAddresses.key(correspondent.recipient()), correspondent.deliveries());
            if (correspondent.deliveries() >= usualAfter) {
                message.directory().contactByAddress(correspondent.recipient())
                        .filter(contact -> contact.name().isPresent())
                        .ifPresent(contact -> usual.add(new Usual(contact, correspondent, familyKeys(contact))));
            }
        }
        if (usual.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (ResolvedRecipient recipient : message.recipients()) {
            int written = deliveries.getOrDefault(ContactAddresses.key(recipient.address()), 0);
            if (recipient.internal() || written >= usualAfter) {
                continue;
            }
            Set<String> keys = recipient.contact().map(NamesakeOfUsualRecipient::familyKeys).orElse(Set.of());
            Set<String> displayed = TextKeys.collapseSpaces(recipient.displayName()).contains(" ")
                    ? PersonKeys.ofWritten(recipient.displayName()) : Set.of();
            usual.stream()
                    .filter(u -> !u.contact().hasAddress(recipient.address()))
                    .filter(u -> intersects(keys, u.keys()) || (!displayed.isEmpty() && PersonKeys.matches(displayed, u.contact())))
                    .findFirst()
                    .ifPresent(u -> findings.add(finding(recipient, written, u)));
        }
        return findings;
    }

    /** The family name and its reading as keys; a name without parts counts whole when it is short (a surname). */
    static Set<String> familyKeys(Contact contact) {
        Set<String> keys = new HashSet<>();
        contact.name().flatMap(PersonName::familyKey).ifPresent(keys::add);
        contact.reading().flatMap(PersonName::familyKey).ifPresent(keys::add);
        contact.name().filter(n -> n.family().isPresent() && !TextKeys.hasJapanese(n.display()))
                .flatMap(PersonName::family).ifPresent(family -> keys.addAll(Romaji.readings(family)));
        return keys;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String key : a) {
            if (b.contains(key)) {
                return true;
            }
        }
        return false;
    }

    private Finding finding(ResolvedRecipient recipient, int written, Usual usual) {
        String who = recipient.contact().map(Findings::describe)
                .orElse((recipient.displayName().isBlank() ? "" : recipient.displayName() + " ") + "<" + recipient.address() + ">");
        String usualWho = Findings.describe(usual.contact());
        int often = usual.correspondent().deliveries();
        return Findings.about(recipient, id(), Severity.HIGH,
                "宛先 " + who + " は、いつもメールを送っている " + usualWho + "（" + often + " 回）と同じ名前の別人です。"
                        + (written == 0 ? "この宛先に送るのは初めてです。" : "この宛先への送信は " + written + " 回だけです。")
                        + "アドレス帳の自動補完で選び間違えていませんか？もしかして " + usual.contact().address() + " ですか？",
                who + " has the same name as " + usualWho + ", whom you write to often (" + often + " messages), but is "
                        + "someone else; you " + (written == 0 ? "have never written to this address" : "wrote to this address only "
                        + written + (written == 1 ? " time" : " times")) + ". Did autocomplete pick the namesake? Did you mean "
                        + usual.contact().address() + "?",
                Findings.evidence("usualRecipient", usual.contact().address().toString(),
                        "usualRecipientName", usual.contact().name().map(PersonName::display).orElse(null),
                        "usualDeliveries", Integer.toString(often),
                        "recipientDeliveries", Integer.toString(written),
                        "didYouMean", usual.contact().address().toString()));
    }
}
