package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.app.client.ConfirmationTickets;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON answer of {@code POST /api/v1/check}: what the guard would do, every recipient as the
 * directory knows it, and every finding. Nothing was sent.
 *
 * @param action       what the relay would do (deliver, delay, hold, reject)
 * @param policyAction what the policy asks for (differs from {@code action} in shadow mode)
 * @param recipients   every envelope recipient
 * @param findings     every finding
 * @param confirmation the ticket that lets the relay deliver what the user confirmed in the client
 */
record CheckResult(String action, String policyAction, List<Recipient> recipients, List<FindingView> findings,
        ConfirmationTickets.Offer confirmation) {

    record Recipient(String address, String role, String displayName, String directoryStatus, String name,
            String organization, String department, boolean internal) {
    }

    record FindingView(String rule, String severity, String recipient, String ja, String en,
            Map<String, String> evidence) {
    }

    static CheckResult of(Verdict verdict, ConfirmationTickets.Offer confirmation) {
        return new CheckResult(lower(verdict.action().name()), lower(verdict.policyAction().name()),
                verdict.recipients().stream().map(CheckResult::recipient).toList(),
                verdict.findings().stream().map(CheckResult::finding).toList(), confirmation);
    }

    private static Recipient recipient(ResolvedRecipient r) {
        return new Recipient(r.address().toString(), lower(r.role().name()), r.displayName(), lower(r.status().name()),
                r.contact().flatMap(c -> c.name()).map(n -> n.display()).orElse(""),
                r.organization().map(o -> o.name().display()).orElse(""),
                r.contact().flatMap(c -> c.department()).orElse(""), r.internal());
    }

    private static FindingView finding(Finding f) {
        return new FindingView(f.ruleId(), lower(f.severity().name()), f.recipient().map(MailAddress::toString).orElse(""),
                f.explanationJa(), f.explanationEn(), f.evidence());
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
