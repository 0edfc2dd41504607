package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Map;
import java.util.Objects;

/**
 * Start-up or periodic reconciliation put a message's records right after a crash or a storage
 * fault (ADR 0005): a held message without its hold record was checked again, a hold whose
 * message was gone was closed, and so on.
 *
 * @param queueId     spool id of the message
 * @param sender      its envelope sender
 * @param kind        what was repaired, e.g. {@code hold-without-record}, {@code record-without-message}
 * @param description one sentence for people: what was found and what was done
 */
public record MessageRepaired(String queueId, ReversePath sender, String kind, String description)
        implements GuardEvent {

    public MessageRepaired {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public EventType type() {
        return EventType.REPAIRED;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("kind", kind).put("description", description).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).build();
    }
}
