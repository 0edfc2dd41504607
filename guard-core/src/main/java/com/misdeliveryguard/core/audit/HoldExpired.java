package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A hold expired unattended and the configured expiry action ran.
 *
 * @param queueId          spool id of the held message
 * @param sender           the held message's envelope sender
 * @param expiryAction     {@code discard} or {@code deliver}
 * @param heldFor          from the hold to the expiry
 * @param senderDepartment the sender's department in the directory
 */
public record HoldExpired(String queueId, ReversePath sender, String expiryAction, Duration heldFor,
        Optional<String> senderDepartment) implements GuardEvent {

    public HoldExpired {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(expiryAction, "expiryAction");
        Objects.requireNonNull(heldFor, "heldFor");
        Objects.requireNonNull(senderDepartment, "senderDepartment");
    }

    @Override
    public EventType type() {
        return EventType.EXPIRED;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("expiryAction", expiryAction)
                .put("heldSeconds", heldFor).put("senderDepartment", senderDepartment).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).department(senderDepartment).build();
    }
}
