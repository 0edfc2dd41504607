package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The sender (or an approver) of a held message was sent the confirmation link. The token is never
 * recorded.
 *
 * @param queueId   spool id of the held message
 * @param sender    the held message's envelope sender
 * @param notified  where the notification went
 * @param expiresAt when the hold expires
 */
public record HoldNotified(String queueId, ReversePath sender, MailAddress notified, Instant expiresAt)
        implements GuardEvent {

    public HoldNotified {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(notified, "notified");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public EventType type() {
        return EventType.NOTIFIED;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("notified", notified).put("expiresAt", expiresAt).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).build();
    }
}
