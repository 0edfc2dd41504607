package com.misdeliveryguard.app.confirm.present;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.rules.Policy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory address a finding suggests instead of a flagged recipient ("Send to 田中 一郎
 * &lt;tanaka.ichiro@aoba-shoji.co.jp&gt; instead"). The contract with the rules is two evidence keys:
 * {@code suggestedAddress} (and {@code suggestedName}) — any rule may set them; {@code closestContact}
 * (and {@code closestContactName}) of {@code unknown-at-known-org} count too. A finding about a
 * recipient is what makes its suggestion actionable; the strongest finding's suggestion wins.
 *
 * @param recipient the flagged envelope recipient
 * @param address   the suggested directory address
 * @param name      the suggested person's name, when the directory has one
 */
public record Suggestion(MailAddress recipient, MailAddress address, Optional<String> name) {

    public Suggestion {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
    }

    /** The suggestion of one finding about a recipient, if its evidence names an address. */
    public static Optional<Suggestion> of(Finding finding) {
        if (finding.recipient().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> evidence = finding.evidence();
        String address = evidence.getOrDefault("suggestedAddress", evidence.get("closestContact"));
        String name = evidence.getOrDefault("suggestedName", evidence.get("closestContactName"));
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        try {
            MailAddress suggested = MailAddress.parse(address.strip());
            if (ContactAddresses.key(suggested).equals(ContactAddresses.key(finding.recipient().get()))) {
                return Optional.empty();
            }
            return Optional.of(new Suggestion(finding.recipient().get(), suggested,
                    Optional.ofNullable(name).map(n -> PlainText.line(n, 100)).filter(n -> !n.isEmpty())));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    /** One suggestion per flagged recipient (by address key), from its most severe finding that has one. */
    public static Map<String, Suggestion> of(HeldMessage hold) {
        Map<String, Suggestion> out = new LinkedHashMap<>();
        hold.findings().stream().sorted(Comparator.comparing(Finding::severity).reversed())
                .forEach(f -> of(f).ifPresent(s -> out.putIfAbsent(ContactAddresses.key(s.recipient()), s)));
        return out;
    }

    /** The suggestion for one recipient of the hold. */
    public static Optional<Suggestion> forRecipient(HeldMessage hold, MailAddress recipient) {
        return Optional.ofNullable(of(hold).get(ContactAddresses.key(recipient)));
    }

    /** "田中 一郎 <tanaka.ichiro@aoba-shoji.co.jp>", or the address alone. */
    public String person() {
        return name.map(n -> n + " <" + address + ">").orElse(address.toString());
    }

    /** The findings that make "send the external recipients as Bcc" a sensible offer. */
    public static final List<String> BCC_RULES = Policy.BCC_RULES;

    /** True when the hold has a finding that "send as Bcc" answers. */
    public static boolean offersBcc(HeldMessage hold) {
        return hold.findings().stream().anyMatch(f -> BCC_RULES.contains(f.ruleId()));
    }
}
