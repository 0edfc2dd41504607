package com.misdeliveryguard.app.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message as the console's message view and {@code GET /api/v1/audit/messages} show it: who sent
 * what to whom, which rules fired, what became of it and how long the decision took.
 *
 * @param queueId           spool id
 * @param seq               the sequence number of its first entry (the list's cursor)
 * @param receivedAt        when it came in
 * @param sender            envelope sender ({@code <>} for the null sender)
 * @param subject           the decoded subject, when it could be read
 * @param recipients        every envelope recipient with what the directory knew at the verdict
 * @param rules             ids of the rules that fired, in order of first finding
 * @param action            the verdict's action ({@code deliver}, {@code hold}, …), once given
 * @param decision          what a person or the expiry decided about a hold ({@code confirmed},
 *                          {@code partially-confirmed}, {@code cancelled}, {@code expired},
 *                          {@code released-by-admin}, {@code discarded-by-admin})
 * @param decidedBy         who decided
 * @param secondsToDecide   from the notification to the sender's decision
 * @param possiblyAutomated decided so fast that a machine may have clicked
 * @param delivered         recipients the upstream accepted
 * @param deferred          temporary failures so far
 * @param bounced           recipients that failed for good
 * @param notices           mails the guard sent about it (notices, reminders, DSNs)
 */
public record MessageSummary(String queueId, long seq, Instant receivedAt, String sender, Optional<String> subject,
        List<Recipient> recipients, List<String> rules, Optional<String> action, Optional<String> decision,
        Optional<String> decidedBy, Optional<Long> secondsToDecide, boolean possiblyAutomated, int delivered,
        int deferred, int bounced, int notices) {

    /**
     * One recipient.
     *
     * @param address      canonical envelope address
     * @param field        {@code to}, {@code cc}, {@code bcc}; empty before the verdict
     * @param displayName  display name from the header
     * @param name         the directory's name for the person
     * @param organization the organization (of the contact, or owning the domain)
     * @param department   the contact's department
     */
    public record Recipient(String address, Optional<String> field, Optional<String> displayName,
            Optional<String> name, Optional<String> organization, Optional<String> department) {
    }

    public MessageSummary {
        Objects.requireNonNull(queueId, "queueId");
        recipients = List.copyOf(recipients);
        rules = List.copyOf(rules);
    }

    /**
     * Where the message ended up, as one code: {@code discarded}, {@code cancelled}, {@code expired},
     * {@code rejected}, {@code bounced}, {@code partly-bounced}, {@code delivered}, {@code deferred},
     * {@code held}, {@code delayed}, {@code released} (decided, not yet delivered), {@code delivering}
     * or {@code received} (no verdict yet).
     */
    public String finalState() {
        String d = decision.orElse("");
        if (d.equals("discarded-by-admin")) {
            return "discarded";
        }
        if (d.equals("cancelled")) {
            return "cancelled";
        }
        if (d.equals("expired") && delivered == 0) {
            return "expired";
        }
        if (action.filter("reject"::equals).isPresent()) {
            return "rejected";
        }
        if (bounced > 0) {
            return delivered > 0 ? "partly-bounced" : "bounced";
        }
        if (delivered > 0) {
            return "delivered";
        }
        if (deferred > 0) {
            return "deferred";
        }
        if (!d.isEmpty()) {
            return "released";
        }
        return action.map(a -> switch (a) {
            case "hold" -> "held";
            case "delay" -> "delayed";
            default -> "delivering";
        }).orElse("received");
    }

    /** True while the message waits for somebody's decision. */
    public boolean waiting() {
        String state = finalState();
        return state.equals("held") || state.equals("delayed");
    }
}
