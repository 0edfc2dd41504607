package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code attachment-name-mismatch}: an attachment's file name names a known external organization that
 * none of the recipients belongs to (SPEC §5) — {@code 御見積書_あおば商事様.pdf} attached to mail for
 * みどり銀行.
 *
 * <p>Judged only when every external recipient's organization is known (an unknown recipient might be
 * the one the file is for; the unknown rules speak for it) and the mail leaves the company. A file that
 * also names an organization of a recipient ({@code あおば商事_みどり銀行_共同提案.pptx}) is taken to be about
 * both and does not fire.
 */
final class AttachmentNamesAnotherOrganization implements Rule {

    @Override
    public String id() {
        return RuleIds.ATTACHMENT_NAME_MISMATCH;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        List<String> files = message.facts().attachmentNames();
        if (files.isEmpty() || !message.goesOutside()
                || message.external().stream().anyMatch(recipient -> recipient.organization().isEmpty())) {
            return List.of();
        }
        Set<OrganizationId> recipientOrganizations = message.recipients().stream()
                .flatMap(recipient -> recipient.organization().stream()).map(Organization::id)
                .collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (String file : files) {
            List<Organization> named = OrganizationsInFileName.in(file, message.directory());
            if (named.stream().anyMatch(org -> recipientOrganizations.contains(org.id()))) {
                continue;
            }
            named.stream().filter(org -> !org.internal()).findFirst()
                    .ifPresent(org -> findings.add(finding(file, org, message.external())));
        }
        return findings;
    }

    private Finding finding(String file, Organization organization, List<ResolvedRecipient> external) {
        String shown = Findings.quote(file);
        String org = Findings.name(organization);
        String recipients = external.stream().map(r -> r.organization().map(Findings::name).orElse("?")).distinct()
                .collect(Collectors.joining("、"));
        return Findings.aboutMessage(id(), Severity.HIGH,
                "添付ファイル「" + shown + "」の名前に " + org + " が含まれていますが、宛先（" + recipients
                        + "）にその組織の方はいません。",
                "The attachment \"" + shown + "\" names " + org + ", but no recipient belongs to it (recipients: "
                        + recipients.replace("、", ", ") + ").",
                Findings.evidence("attachment", shown, "organization", org));
    }
}
