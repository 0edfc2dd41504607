package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code lookalike-domain}: an unknown domain looks like a known one (SPEC §5) — an IDN homograph, a
 * confusable spelling (TR39 skeleton), a changed public suffix ({@code .co.jp} → {@code .jp},
 * {@code .com}, {@code .co}), a typo in the suffix itself ({@code .co.jo}, {@code .co.kp}, {@code .cojp};
 * {@link Resemblance#suffixTypos}) or one or two edits. The highest severity of all rules: the typical
 * misdelivery that reaches a stranger, or a domain registered to catch such mail.
 *
 * <p>Only recipients whose domain the directory does not <em>vouch for</em> are judged: two similar domains
 * that are both known (ひかり電機 and ひかり電工) are two real companies. Trust never silences a look-alike
 * (SPEC §5, ADR 0008): a recipient the sender confirmed before ({@code LEARNED}) is judged like an unknown
 * one, and a domain known only through contacts added from senders' requests ({@link SourceId#REQUESTS})
 * is not vouched for; the finding then says that the sender wrote there before and it still resembles the
 * known domain. Candidates come from
 * {@link ContactDirectory#knownDomainsNear} (an index, never a scan); this rule decides which of them the
 * domain really resembles and names the strongest resemblance ("did you mean …?"), preferring a known
 * domain under the same public suffix, then the closest spelling.
 */
final class RecipientDomainLooksLikeAKnownDomain extends RecipientRule {

    /** Candidates asked from the directory per domain. */
    static final int CANDIDATES = 20;

    /** Contacts looked at to tell whether a known domain is vouched for. */
    static final int VOUCHING_CONTACTS = 50;

    /** Contacts of the known domain compared with the display name for a suggestion. */
    static final int SUGGESTION_CONTACTS = 500;

    @Override
    public String id() {
        return RuleIds.LOOKALIKE_DOMAIN;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (recipient.internal() || recipient.status() == DirectoryStatus.UNAVAILABLE
                || recipient.contact().map(c -> c.source().vouchesForDomain()).orElse(false)) {
            return Optional.empty();
        }
        DomainName domain = DomainName.of(recipient.address());
        ContactDirectory directory = message.directory();
        if (vouchedFor(domain, directory)) {
            return Optional.empty();
        }
        record Match(KnownDomain known, Resemblance resemblance) {
        }
        List<KnownDomain> candidates = directory.knownDomainsNear(domain, CANDIDATES);
        String suffix = DomainKeys.publicSuffix(domain.ascii());
        List<Match> typos = Resemblance.suffixTypos(domain).stream()
                .flatMap(typo -> DomainName.parse(typo).flatMap(directory::knownDomain).stream())
                .map(known -> new Match(known, Resemblance.SUFFIX_TYPO)).toList();
        Optional<Match> best = java.util.stream.Stream.concat(typos.stream(), candidates.stream()
                .flatMap(known -> Resemblance.of(domain, known.domain()).map(r -> new Match(known, r)).stream()))
                .min(Comparator.comparing(Match::resemblance)
                        .thenComparing(m -> !DomainKeys.publicSuffix(m.known().domain().ascii()).equals(suffix))
                        .thenComparingInt(m -> distance(domain, m.known().domain()))
                        .thenComparing(m -> m.known().domain()));
        return best.map(match -> finding(recipient, domain, match.known(), match.resemblance(), directory));
    }

    /**
     * True when the directory knows the domain from an import: some contact there comes from a vouching
     * source, or nobody is there but an organization declared it. A domain whose only contacts came from
     * senders' requests is not vouched for.
     */
    private static boolean vouchedFor(DomainName domain, ContactDirectory directory) {
        List<Contact> there = directory.contactsAtDomain(domain, VOUCHING_CONTACTS);
        if (there.stream().anyMatch(c -> c.source().vouchesForDomain())) {
            return true;
        }
        return there.isEmpty() && directory.knownDomain(domain).isPresent();
    }

    private static int distance(DomainName a, DomainName b) {
        return EditDistance.between(DomainKeys.stemSkeleton(a.ascii()), DomainKeys.stemSkeleton(b.ascii()));
    }

    private Finding finding(ResolvedRecipient recipient, DomainName domain, KnownDomain known, Resemblance resemblance,
            ContactDirectory directory) {
        String shown = domain.unicode().equals(domain.ascii()) ? domain.ascii()
                : domain.ascii() + "（" + domain.unicode() + "）";
        String knownName = known.domain().unicode();
        String owner = known.owner().map(o -> o.name().display()).orElse("");
        String ownerJa = owner.isEmpty() ? "" : "（" + owner + "）";
        String ownerEn = owner.isEmpty() ? "" : " (" + owner + ")";
        Optional<Contact> suggested = suggestion(recipient, known.domain(), directory);
        String trust = trust(recipient);
        String beforeJa = trust.isEmpty() ? "" : "以前にも送信した宛先ですが、";
        String beforeEn = trust.isEmpty() ? "" : "You sent here before, but it still resembles " + knownName + ". ";
        return Findings.about(recipient, id(), Severity.CRITICAL,
                beforeJa + "宛先のドメイン " + shown + " は、登録済みのドメイン " + knownName + ownerJa + "に似ていますが別のドメインです（"
                        + resemblance.japanese() + "）。もしかして " + knownName + " ですか？",
                beforeEn + "The domain " + shown + " looks like the known domain " + knownName + ownerEn + " but is not it ("
                        + resemblance.english() + "). Did you mean " + knownName + "?",
                Findings.evidence("knownDomain", knownName, "resemblance", resemblance.name().toLowerCase(Locale.ROOT).replace('_', '-'), "owner", owner, "didYouMean", knownName, "trusted", trust,
                        "suggestedAddress", suggested.map(c -> c.address().toString()).orElse(null),
                        "suggestedName", suggested.flatMap(Contact::name).map(n -> n.display()).orElse(null)));
    }

    /**
     * The directory person the sender most likely meant, at the known domain: the same local part
     * ({@code tanaka@aoba-shoji.com} → {@code tanaka@aoba-shoji.co.jp}), else the one person there whom
     * the display name names.
     */
    private static Optional<Contact> suggestion(ResolvedRecipient recipient, DomainName known,
            ContactDirectory directory) {
        try {
            Optional<Contact> same = directory.contactByAddress(
                    MailAddress.parse(recipient.address().localPart() + "@" + known.ascii()));
            if (same.isPresent()) {
                return same;
            }
        } catch (InvalidAddressException | RuntimeException e) {
            // no contact of that form
        }
        if (recipient.displayName().isBlank()) {
            return Optional.empty();
        }
        Set<String> written = PersonKeys.ofWritten(recipient.displayName());
        List<Contact> named = directory.contactsAtDomain(known, SUGGESTION_CONTACTS).stream()
                .filter(c -> PersonKeys.matches(written, c)).limit(2).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** Why the sender might trust the address: {@code learned}, {@code requested}, or empty. */
    private static String trust(ResolvedRecipient recipient) {
        if (recipient.status() == DirectoryStatus.LEARNED) {
            return "learned";
        }
        return recipient.contact().isPresent() ? "requested" : "";
    }
}
