package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an entry can be found by in the auditor console. Derived from the event, never stored in
 * the hashed entry; addresses are lower-cased and each also indexed by {@code @domain}.
 *
 * @param senders       the envelope sender (address and {@code @domain}), if the event concerns a message
 * @param recipients    recipients the event concerns (address and {@code @domain})
 * @param organizations organizations of recipients or of the sender, as the directory names them
 * @param departments   departments, likewise
 * @param rules         rule ids of findings
 * @param outcome       what happened: the verdict's action ({@code hold}, {@code deliver}, …) or the event type code
 */
public record IndexTerms(Set<String> senders, Set<String> recipients, Set<String> organizations,
        Set<String> departments, Set<String> rules, String outcome) {

    public IndexTerms {
        senders = Set.copyOf(senders);
        recipients = Set.copyOf(recipients);
        organizations = Set.copyOf(organizations);
        departments = Set.copyOf(departments);
        rules = Set.copyOf(rules);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Terms of an event about a message from {@code sender}. */
    static Builder about(ReversePath sender, String outcome) {
        Builder b = new Builder(outcome);
        sender.address().ifPresent(a -> b.senders.addAll(addressTerms(a)));
        if (sender.isNull()) {
            b.senders.add("<>");
        }
        return b;
    }

    static Builder of(String outcome) {
        return new Builder(outcome);
    }

    /** The lower-cased address and its {@code @domain}. */
    public static Set<String> addressTerms(MailAddress address) {
        return Set.of(address.toString().toLowerCase(Locale.ROOT), "@" + address.domain());
    }

    /** Normalizes a free-text term (organization, department) as the index stores it. */
    public static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    static final class Builder {
        private final String outcome;
        private final Set<String> senders = new LinkedHashSet<>();
        private final Set<String> recipients = new LinkedHashSet<>();
        private final Set<String> organizations = new LinkedHashSet<>();
        private final Set<String> departments = new LinkedHashSet<>();
        private final Set<String> rules = new LinkedHashSet<>();

        private Builder(String outcome) {
            this.outcome = outcome;
        }

        Builder recipients(Collection<MailAddress> addresses) {
            addresses.forEach(a -> recipients.addAll(addressTerms(a)));
            return this;
        }

        Builder organization(Optional<String> organization) {
            organization.filter(o -> !o.isBlank()).ifPresent(o -> organizations.add(normalize(o)));
            return this;
        }

        Builder department(Optional<String> department) {
            department.filter(d -> !d.isBlank()).ifPresent(d -> departments.add(normalize(d)));
            return this;
        }

        Builder rule(String rule) {
            rules.add(rule);
            return this;
        }

        IndexTerms build() {
            return new IndexTerms(senders, recipients, organizations, departments, rules, outcome);
        }
    }
}
