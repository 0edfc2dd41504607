package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code many-visible-external}: To/Cc expose external addresses to another organization (SPEC §5) — every
 * recipient sees every other's address, the classic mass-mail leak; Bcc is advised. Fires for the threshold
 * (default 10) or more external addresses spread over two or more organizations, or above the absolute cap
 * (default 30) in any case. Eleven members of one customer's project team expose nobody to another company.
 * A recipient's organization is the directory's; a recipient of no known organization counts as its own
 * domain.
 */
final class ManyExternalAddressesAreVisible implements Rule {

    private final int threshold;
    private final int cap;

    ManyExternalAddressesAreVisible(int threshold, int cap) {
        this.threshold = threshold;
        this.cap = cap;
    }

    @Override
    public String id() {
        return RuleIds.MANY_VISIBLE_EXTERNAL;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        List<ResolvedRecipient> external = message.visible().stream().filter(ResolvedRecipient::external).toList();
        int count = external.size();
        if (count < threshold) {
            return List.of();
        }
        Set<String> groups = new HashSet<>();
        for (ResolvedRecipient recipient : external) {
            groups.add(recipient.organization().map(org -> "org:" + org.id().value())
                    .orElse("domain:" + recipient.address().domain()));
        }
        if (groups.size() < 2 && count <= cap) {
            return List.of();
        }
        String why = groups.size() < 2 ? "（上限 " + cap + " 件を超えています）" : "（" + groups.size() + " つの組織にまたがっています）";
        String whyEn = groups.size() < 2 ? " (more than the cap of " + cap + ")" : " (from " + groups.size() + " organizations)";
        return List.of(Findings.aboutMessage(id(), Severity.HIGH,
                "社外のアドレス " + count + " 件が To/Cc に並んでおり" + why + "、受信者全員に互いのアドレスが見えます。Bcc の利用を検討してください。",
                count + " external addresses are in To/Cc" + whyEn + ", so every recipient sees all of them. Consider Bcc.",
                Findings.evidence("visibleExternal", Integer.toString(count), "organizations", Integer.toString(groups.size()),
                        "threshold", Integer.toString(threshold), "cap", Integer.toString(cap))));
    }
}
