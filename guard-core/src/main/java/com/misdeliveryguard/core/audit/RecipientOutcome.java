package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the upstream said about one recipient it did not accept: deferred (with the next attempt) or bounced. Build
 * it with {@link #deferred} or {@link #bounced}. The recipients it accepted are {@link RecipientsDelivered}, one entry
 * per reply.
 *
 * @param type        {@link EventType#DEFERRED} or {@link EventType#BOUNCED}
 * @param queueId     spool id
 * @param sender      envelope sender
 * @param recipient   envelope recipient
 * @param reply       the upstream's reply, or the local failure
 * @param nextAttempt for a deferral, when the next attempt is due
 */
public record RecipientOutcome(EventType type, String queueId, ReversePath sender, MailAddress recipient,
        String reply, Optional<Instant> nextAttempt) implements GuardEvent {

    public RecipientOutcome {
        if (type != EventType.DEFERRED && type != EventType.BOUNCED) {
            throw new IllegalArgumentException("not a delivery outcome: " + type);
        }
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
    }

    public static RecipientOutcome deferred(String queueId, ReversePath sender, MailAddress recipient, String reply,
            Instant nextAttempt) {
        return new RecipientOutcome(EventType.DEFERRED, queueId, sender, recipient, reply, Optional.of(nextAttempt));
    }

    public static RecipientOutcome bounced(String queueId, ReversePath sender, MailAddress recipient, String reply) {
        return new RecipientOutcome(EventType.BOUNCED, queueId, sender, recipient, reply, Optional.empty());
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("recipient", recipient).put("reply", reply)
                .put("nextAttempt", nextAttempt).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type.code()).recipients(java.util.List.of(recipient)).build();
    }
}
