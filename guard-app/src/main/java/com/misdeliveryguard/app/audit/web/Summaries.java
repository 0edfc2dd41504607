package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.core.audit.RecipientsDelivered;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One line per entry type, for the list and the CSV. */
final class Summaries {

    private Summaries() {
    }

    static String of(String type, Map<String, Object> d) {
        return switch (type) {
            case "received" -> d.get("size") + " bytes from " + d.get("clientAddress")
                    + EntryViews.str(d.get("authenticatedUser")).map(u -> " (user " + u + ")").orElse("")
                    + EntryViews.str(d.get("messageId")).map(m -> ", Message-ID <" + m + ">").orElse("")
                    + EntryViews.str(d.get("subject")).map(s -> ", subject \"" + s + "\"").orElse("");
            case "verdict" -> d.get("action") + findings(d);
            case "delivered" -> String.join(", ", RecipientsDelivered.named(d)) + ": " + d.get("reply");
            case "bounced" -> d.get("recipient") + ": " + d.get("reply");
            case "deferred" -> d.get("recipient") + ": " + d.get("reply") + " (next attempt " + d.get("nextAttempt") + ")";
            case "notified", "reminded" -> "link sent to " + d.get("notified")
                    + EntryViews.str(d.get("expiresAt")).map(x -> ", expires " + x).orElse("");
            case "confirmed", "partially-confirmed", "cancelled" -> by(d) + " after " + d.get("secondsToDecide") + " s"
                    + list(" confirmed ", d.get("confirmed")) + list(" dropped ", d.get("dropped"))
                    + (Boolean.TRUE.equals(d.get("possiblyAutomated")) ? " (possibly automated)" : "");
            case "notice" -> d.get("kind") + " to " + d.get("to") + " as the guard's mail " + d.get("notice");
            case "expired" -> d.get("expiryAction") + " after " + d.get("heldSeconds") + " s held";
            case "admin-action" -> d.get("action") + " by " + by(d) + parameters(d);
            case "audit-access" -> d.get("view") + " by " + by(d) + parameters(d);
            case "retention" -> "deleted " + d.get("deletedCount") + " entries through " + d.get("deletedThrough")
                    + " (older than " + d.get("retentionDays") + " days)";
            case "links-created", "links-skipped", "downloaded", "links-revoked", "incident-reported", "incident-closed",
                    "files-purged" -> String.valueOf(d.get("summary"));
            default -> type;
        };
    }

    private static String findings(Map<String, Object> d) {
        List<Map<String, Object>> findings = EntryViews.maps(d.get("findings"));
        if (findings.isEmpty()) {
            return ": no findings";
        }
        return ": " + findings.stream().map(f -> f.get("rule")
                + EntryViews.str(f.get("recipient")).map(r -> " (" + r + ")").orElse(""))
                .collect(Collectors.joining(", "));
    }

    private static String by(Map<String, Object> d) {
        return d.get("by") instanceof Map<?, ?> by ? by.get("name") + " from " + by.get("ip") : "?";
    }

    private static String list(String label, Object value) {
        List<String> items = EntryViews.strings(value);
        return items.isEmpty() ? "" : ";" + label + String.join(", ", items);
    }

    private static String parameters(Map<String, Object> d) {
        return d.get("parameters") instanceof Map<?, ?> p && !p.isEmpty() ? " " + p : "";
    }
}
