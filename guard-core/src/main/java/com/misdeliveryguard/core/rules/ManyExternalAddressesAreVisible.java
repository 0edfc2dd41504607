package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;

/**
 * {@code many-visible-external}: the threshold (default 10) or more external addresses in To/Cc — every
 * recipient sees every other's address, the classic mass-mail leak; Bcc is advised (SPEC §5).
 */
final class ManyExternalAddressesAreVisible implements Rule {

    private final int threshold;

    ManyExternalAddressesAreVisible(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public String id() {
        return RuleIds.MANY_VISIBLE_EXTERNAL;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        long count = message.visible().stream().filter(ResolvedRecipient::external).count();
        if (count < threshold) {
            return List.of();
        }
        return List.of(Findings.aboutMessage(id(), Severity.HIGH,
                "社外のアドレス " + count + " 件が To/Cc に並んでおり、受信者全員に互いのアドレスが見えます。Bcc の利用を検討してください。",
                count + " external addresses are in To/Cc, so every recipient sees all of them. Consider Bcc.",
                Findings.evidence("visibleExternal", Long.toString(count), "threshold", Integer.toString(threshold))));
    }
}
