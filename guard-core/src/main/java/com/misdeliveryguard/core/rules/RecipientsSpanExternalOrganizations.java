package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code multiple-external-orgs}: the visible recipients (To/Cc) belong to two or more external
 * organizations (SPEC §5) — each company sees the other's addresses, and a mail meant for one usually
 * does not concern the other. Only organizations the directory identifies count; unknown recipients
 * have their own rules. A salutation that addresses every one of them — by name, or by naming a visible
 * recipient of each — is deliberate multi-party mail and passes.
 */
final class RecipientsSpanExternalOrganizations implements Rule {

    @Override
    public String id() {
        return RuleIds.MULTIPLE_EXTERNAL_ORGS;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        Map<OrganizationId, Organization> organizations = new LinkedHashMap<>();
        for (ResolvedRecipient recipient : message.visible()) {
            if (recipient.external()) {
                recipient.organization().filter(org -> !org.internal())
                        .ifPresent(org -> organizations.putIfAbsent(org.id(), org));
            }
        }
        if (organizations.size() < 2 || addressesEach(message, organizations.keySet())) {
            return List.of();
        }
        String names = organizations.values().stream().map(Findings::name).collect(Collectors.joining("、"));
        String namesEn = organizations.values().stream().map(Findings::name).collect(Collectors.joining(", "));
        return List.of(Findings.aboutMessage(id(), Severity.MEDIUM,
                "宛先（To/Cc）に社外の組織が " + organizations.size() + " つ含まれています: " + names
                        + "。それぞれの組織に、他の組織の宛先が見えます。",
                "The visible recipients (To/Cc) belong to " + organizations.size() + " external organizations: "
                        + namesEn + ". Each of them sees the others' addresses.",
                Findings.evidence("organizations", namesEn)));
    }

    /**
     * True when the salutation addresses every one of the organizations: by naming it
     * ({@code 株式会社A 田中様 / 株式会社B 佐藤様}) or by naming a person who is exactly one of the visible recipients
     * ({@code 田中様、Carter様}); {@code 田中様} to two companies' 田中 addresses neither company.
     */
    private static boolean addressesEach(CheckedMessage message, Set<OrganizationId> organizations) {
        if (message.facts().openingLines().isEmpty()) {
            return false;
        }
        Set<OrganizationId> addressed = new HashSet<>();
        for (Addressee addressee : new Salutations(new AddresseeReader(message.directory()))
                .in(message.facts().openingLines())) {
            addressee.organization().ifPresent(org -> addressed.add(org.id()));
            if (addressee.organization().isEmpty() && addressee.person().isPresent()) {
                Set<String> keys = PersonKeys.ofWritten(addressee.person().get());
                List<ResolvedRecipient> named = message.visible().stream()
                        .filter(r -> r.contact().filter(contact -> PersonKeys.matches(keys, contact)).isPresent()).toList();
                if (named.size() == 1) {
                    named.get(0).organization().ifPresent(org -> addressed.add(org.id()));
                }
            }
        }
        return addressed.containsAll(organizations);
    }
}
