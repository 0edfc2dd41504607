package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Map;
import java.util.Objects;

/**
 * The one reminder for an unattended hold was sent.
 *
 * @param queueId  spool id of the held message
 * @param sender   the held message's envelope sender
 * @param notified where the reminder went
 */
public record HoldReminded(String queueId, ReversePath sender, MailAddress notified) implements GuardEvent {

    public HoldReminded {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(notified, "notified");
    }

    @Override
    public EventType type() {
        return EventType.REMINDED;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("notified", notified).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).build();
    }
}
