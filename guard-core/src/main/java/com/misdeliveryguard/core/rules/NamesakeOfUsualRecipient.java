package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.ContactDirectory;
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
import java.util.concurrent.ConcurrentHashMap;

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

    private record Usual(Contact contact, Correspondent correspondent) {
    }

    /**
     * What a sender's correspondents say: deliveries per recipient key, and the usual people by their family-name
     * keys and by the keys of their whole name (most deliveries first).
     */
    private record Known(List<Correspondent> source, Map<String, Integer> deliveries, Map<String, List<Usual>> byFamily,
            Map<String, List<Usual>> byName) {
    }

    /** Senders remembered at most; the memo starts over when full. */
    static final int MEMO_LIMIT = 10_000;

    /**
     * Per sender, the last answer worked out: reused while the history returns the very same list (a cached
     * history does until a delivery or its expiry), so a busy sender's usual people are looked up once.
     */
    private final Map<String, Known> memo = new ConcurrentHashMap<>();

    private Known known(MailAddress sender, List<Correspondent> correspondents, ContactDirectory directory) {
        String key = ContactAddresses.key(sender);
        Known known = memo.get(key);
        if (known != null && known.source() == correspondents) {
            return known;
        }
        Map<String, Integer> deliveries = new HashMap<>();
        Map<String, List<Usual>> byFamily = new HashMap<>();
        Map<String, List<Usual>> byName = new HashMap<>();
        for (Correspondent correspondent : correspondents) {
            deliveries.put(ContactAddresses.key(correspondent.recipient()), correspondent.deliveries());
            if (correspondent.deliveries() >= usualAfter) {
                directory.contactByAddress(correspondent.recipient()).filter(contact -> contact.name().isPresent())
                        .ifPresent(contact -> {
                            Usual usual = new Usual(contact, correspondent);
                            familyKeys(contact).forEach(k -> byFamily.computeIfAbsent(k, x -> new ArrayList<>()).add(usual));
                            PersonKeys.ofContact(contact).forEach(k -> byName.computeIfAbsent(k, x -> new ArrayList<>()).add(usual));
                        });
            }
        }
        known = new Known(correspondents, Map.copyOf(deliveries), Map.copyOf(byFamily), Map.copyOf(byName));
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(key, known);
        return known;
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
        Known known = known(sender.get(), correspondents, message.directory());
        if (known.byFamily().isEmpty() && known.byName().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (ResolvedRecipient recipient : message.recipients()) {
            int written = known.deliveries().getOrDefault(ContactAddresses.key(recipient.address()), 0);
            if (recipient.internal() || written >= usualAfter) {
                continue;
            }
            Set<String> keys = recipient.contact().map(NamesakeOfUsualRecipient::familyKeys).orElse(Set.of());
            Set<String> displayed = TextKeys.collapseSpaces(recipient.displayName()).contains(" ")
                    ? PersonKeys.ofWritten(recipient.displayName()) : Set.of();
            namesake(known.byFamily(), keys, recipient).or(() -> namesake(known.byName(), displayed, recipient))
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

    /** The usual person (most deliveries first) under one of the keys who is not the recipient. */
    private static Optional<Usual> namesake(Map<String, List<Usual>> index, Set<String> keys, ResolvedRecipient recipient) {
        Usual best = null;
        for (String key : keys) {
            for (Usual usual : index.getOrDefault(key, List.of())) {
                if ((best == null || usual.correspondent().deliveries() > best.correspondent().deliveries())
                        && !usual.contact().hasAddress(recipient.address())) {
                    best = usual;
                }
            }
        }
        return Optional.ofNullable(best);
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
                        "didYouMean", usual.contact().address().toString(),
                        "suggestedAddress", usual.contact().address().toString(),
                        "suggestedName", usual.contact().name().map(PersonName::display).orElse(null)));
    }
}
