package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule that judges each recipient on its own. {@link #check} is final: it asks
 * {@link #checkRecipient} once per envelope recipient, in envelope order, and collects the findings.
 */
abstract class RecipientRule implements Rule {

    @Override
    public final List<Finding> check(CheckedMessage message) {
        List<Finding> findings = new ArrayList<>();
        for (ResolvedRecipient recipient : message.recipients()) {
            checkRecipient(recipient, message).ifPresent(findings::add);
        }
        return findings;
    }

    /** The finding about this recipient, if any. */
    abstract Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message);
}
