package com.misdeliveryguard.core.guard;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one message: the action to take and the findings that led to it.
 * The SMTP and queue code looks only at {@link #action()}; people and the log read the rest.
 *
 * @param action       what the relay does with the message
 * @param findings     every finding, in rule order; notes ({@link Severity#LOW} and below) included
 * @param policyAction what the policy asked for; equals {@code action} except in shadow mode, where the
 *                     message is delivered and this is the action it would have had
 * @param recipients   every envelope recipient as the directory saw it; empty when the guard did not
 *                     resolve recipients (e.g. {@link DeliverEverything})
 * @param outOfHeader  the To/Cc addresses (envelope recipients or not) that a conversion to Bcc
 *                     ({@link Action#BCC}) takes out of the header because they are external; whatever releases
 *                     the message later sends it without them. Empty when the policy does not convert, and always
 *                     in shadow mode
 */
public record Verdict(Action action, List<Finding> findings, Action policyAction, List<ResolvedRecipient> recipients,
        List<MailAddress> outOfHeader) {

    public Verdict {
        Objects.requireNonNull(action, "action");
        findings = List.copyOf(findings);
        Objects.requireNonNull(policyAction, "policyAction");
        recipients = List.copyOf(recipients);
        outOfHeader = List.copyOf(outOfHeader);
        if (!outOfHeader.isEmpty() && action == Action.REJECT) {
            throw new IllegalArgumentException("a refused message is not converted to Bcc");
        }
    }

    /** A verdict without a conversion to Bcc. */
    public Verdict(Action action, List<Finding> findings, Action policyAction, List<ResolvedRecipient> recipients) {
        this(action, findings, policyAction, recipients, List.of());
    }

    /** A verdict that enforces its action, without recipient data. */
    public Verdict(Action action, List<Finding> findings) {
        this(action, findings, action, List.of());
    }

    /** Deliver, nothing found. */
    public static Verdict deliver() {
        return new Verdict(Action.DELIVER, List.of());
    }

    /** True when the policy converts the message to Bcc: it leaves (now or when released) without {@link #outOfHeader}. */
    public boolean externalToBcc() {
        return !outOfHeader.isEmpty();
    }

    /** True when the policy asked for something stricter than what is done: shadow mode at work. */
    public boolean shadowed() {
        return policyAction != action;
    }
}
