package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code lookalike-domain}: an unknown domain looks like a known one (SPEC §5) — an IDN homograph, a
 * confusable spelling (TR39 skeleton), a changed public suffix ({@code .co.jp} → {@code .jp},
 * {@code .com}, {@code .co}), a typo in the suffix itself ({@code .co.jo}, {@code .co.kp}, {@code .cojp};
 * {@link Resemblance#suffixTypos}) or one or two edits. The highest severity of all rules: the typical
 * misdelivery that reaches a stranger, or a domain registered to catch such mail.
 *
 * <p>Only recipients whose domain the directory does not know are judged: two similar domains that are
 * both known (ひかり電機 and ひかり電工) are two real companies. Candidates come from
 * {@link ContactDirectory#knownDomainsNear} (an index, never a scan); this rule decides which of them the
 * domain really resembles and names the strongest resemblance ("did you mean …?"), preferring a known
 * domain under the same public suffix, then the closest spelling.
 */
final class RecipientDomainLooksLikeAKnownDomain extends RecipientRule {

    /** Candidates asked from the directory per domain. */
    static final int CANDIDATES = 20;

    @Override
    public String id() {
        return RuleIds.LOOKALIKE_DOMAIN;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (recipient.internal() || recipient.status() != DirectoryStatus.UNKNOWN) {
            return Optional.empty();
        }
        DomainName domain = DomainName.of(recipient.address());
        ContactDirectory directory = message.directory();
        if (directory.knownDomain(domain).isPresent()) {
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
        return best.map(match -> finding(recipient, domain, match.known(), match.resemblance()));
    }

    private static int distance(DomainName a, DomainName b) {
        return EditDistance.between(DomainKeys.stemSkeleton(a.ascii()), DomainKeys.stemSkeleton(b.ascii()));
    }

    private Finding finding(ResolvedRecipient recipient, DomainName domain, KnownDomain known, Resemblance resemblance) {
        String shown = domain.unicode().equals(domain.ascii()) ? domain.ascii()
                : domain.ascii() + "（" + domain.unicode() + "）";
        String knownName = known.domain().unicode();
        String owner = known.owner().map(o -> o.name().display()).orElse("");
        String ownerJa = owner.isEmpty() ? "" : "（" + owner + "）";
        String ownerEn = owner.isEmpty() ? "" : " (" + owner + ")";
        return Findings.about(recipient, id(), Severity.CRITICAL,
                "宛先ドメイン " + shown + " は既知のドメイン " + knownName + ownerJa + " に似ていますが、別のドメインです（"
                        + resemblance.japanese() + "）。もしかして " + knownName + " ですか？",
                "The domain " + shown + " looks like the known domain " + knownName + ownerEn + " but is not it ("
                        + resemblance.english() + "). Did you mean " + knownName + "?",
                Findings.evidence("knownDomain", knownName, "resemblance", resemblance.name().toLowerCase(Locale.ROOT).replace('_', '-'), "owner", owner, "didYouMean", knownName));
    }
}
