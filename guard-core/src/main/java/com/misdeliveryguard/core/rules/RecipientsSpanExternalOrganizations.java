package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code multiple-external-orgs}: the visible recipients (To/Cc) belong to two or more external
 * organizations (SPEC §5) — each company sees the other's addresses, and a mail meant for one usually
 * does not concern the other. Only organizations the directory identifies count; unknown recipients
 * have their own rules.
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
        if (organizations.size() < 2) {
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
}
