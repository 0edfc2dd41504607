package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The upstream accepted a message for these recipients with one reply: one {@code delivered} entry per upstream
 * transaction (per distinct reply within it), not one per recipient. Ten recipients in one transaction are one
 * entry, one link of the chain and one set of index terms listing the ten (ADR 0016).
 *
 * @param queueId    spool id
 * @param sender     envelope sender
 * @param recipients the recipients the reply accepted, in the order they were sent, at least one, none twice
 * @param reply      the upstream's reply to the message (its reply to DATA)
 */
public record RecipientsDelivered(String queueId, ReversePath sender, List<MailAddress> recipients, String reply)
        implements GuardEvent {

    public RecipientsDelivered {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(reply, "reply");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        if (new LinkedHashSet<>(recipients).size() != recipients.size()) {
            throw new IllegalArgumentException("a recipient twice: " + recipients);
        }
    }

    @Override
    public EventType type() {
        return EventType.DELIVERED;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("rcptTo", recipients).put("reply", reply).map();
    }

    /**
     * The recipients the details of a stored {@code delivered} entry name: its {@code rcptTo}, or the one
     * {@code recipient} of an entry written before 2026-12-07, when there was an entry per recipient.
     */
    public static List<String> named(Map<String, Object> details) {
        if (details.get("rcptTo") instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        Object one = details.get("recipient");
        return one == null ? List.of() : List.of(String.valueOf(one));
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).recipients(recipients).build();
    }
}
