package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code internal-address-typo}: an internal address that no colleague has, but that is a small edit from a
 * colleague's address ({@code kimura.sin@} for {@code kimura.shin@}) or whose display name names exactly one
 * colleague (SPEC §5, ADR 0007). Such mail bounces at best, and reaches a catch-all or a former employee's
 * forwarding at worst. Role and list addresses ({@link RoleAddresses}) are left alone, and so is an unknown
 * internal address that resembles nobody: it bounces at the company's own server.
 *
 * <p>Small edit: at most one edit for local parts shorter than {@value #TWO_EDITS_FROM} characters, two from
 * then on ({@link EditDistance}); the closest colleague at the same domain is suggested.
 */
final class InternalAddressLooksLikeAColleague extends RecipientRule {

    static final int TWO_EDITS_FROM = 8;
    /** Colleagues compared per domain at most. */
    static final int COLLEAGUES_COMPARED = 5_000;

    private final RoleAddresses roles;

    InternalAddressLooksLikeAColleague(RoleAddresses roles) {
        this.roles = roles;
    }

    @Override
    public String id() {
        return RuleIds.INTERNAL_ADDRESS_TYPO;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (!recipient.internal() || recipient.status() == DirectoryStatus.KNOWN_CONTACT
                || recipient.status() == DirectoryStatus.UNAVAILABLE || roles.matches(recipient.address())) {
            return Optional.empty();
        }
        String local = recipient.address().localPart().toLowerCase(Locale.ROOT);
        int allowed = local.length() >= TWO_EDITS_FROM ? 2 : 1;
        List<Contact> colleagues = message.directory().contactsAtDomain(DomainName.of(recipient.address()),
                COLLEAGUES_COMPARED);
        Optional<Contact> close = colleagues.stream()
                .filter(c -> EditDistance.between(local, c.address().localPart().toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt((Contact c) -> EditDistance.between(local,
                                c.address().localPart().toLowerCase(Locale.ROOT)))
                        .thenComparing(c -> c.address().toString()));
        if (close.isPresent()) {
            return Optional.of(finding(recipient, close.get(), "address"));
        }
        if (recipient.displayName().isBlank()) {
            return Optional.empty();
        }
        List<Contact> named = PeopleNamed.in(message.directory(), recipient.displayName(), Optional.empty()).stream()
                .filter(Contact::internal).toList();
        return named.size() == 1 ? Optional.of(finding(recipient, named.get(0), "displayName")) : Optional.empty();
    }

    private Finding finding(ResolvedRecipient recipient, Contact colleague, String because) {
        String address = recipient.address().toString();
        String who = Findings.describe(colleague);
        String whyJa = because.equals("address") ? "社員 " + who + " のアドレスと 1〜2 文字違いです"
                : "表示名「" + Findings.quote(recipient.displayName()) + "」は社員 " + who + " を指しています";
        String whyEn = because.equals("address") ? "it is one or two characters from the address of " + who
                : "its display name \"" + Findings.quote(recipient.displayName()) + "\" names " + who;
        return Findings.about(recipient, id(), Severity.HIGH,
                "社内アドレス " + address + " はアドレス帳にありませんが、" + whyJa + "。もしかして " + colleague.address() + " ですか？",
                "The internal address " + address + " is nobody's, but " + whyEn + ". Did you mean " + colleague.address() + "?",
                Findings.evidence("colleague", colleague.address().toString(),
                        "colleagueName", colleague.name().map(n -> n.display()).orElse(null),
                        "resemblance", because, "didYouMean", colleague.address().toString(),
                        "suggestedAddress", colleague.address().toString(),
                        "suggestedName", colleague.name().map(n -> n.display()).orElse(null)));
    }
}
