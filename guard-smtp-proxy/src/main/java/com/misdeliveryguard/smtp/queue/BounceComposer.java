package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.smtp.delivery.DeliveryStatusNotification;
import com.misdeliveryguard.smtp.delivery.DsnRecipient;
import com.misdeliveryguard.smtp.delivery.DsnRequest;
import com.misdeliveryguard.smtp.delivery.OutboundMessage;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Composes the delivery status notification (RFC 3464) for recipients that failed for good.
 * Never called for a message whose sender is {@code <>}.
 */
@FunctionalInterface
public interface BounceComposer {

    /**
     * @param original the message that could not be delivered
     * @param content  its stored bytes (only the header section is quoted)
     * @param failed   the failed recipients with the upstream's (or the expiry's) reply
     * @return the complete notification message
     */
    byte[] compose(SpooledMessage original, OutboundMessage.Content content, List<RecipientResult> failed);

    /** RFC 3464 notifications from {@code MAILER-DAEMON@hostName}, dated by the clock. */
    static BounceComposer rfc3464(String hostName, Clock clock) {
        DeliveryStatusNotification dsn = new DeliveryStatusNotification(clock);
        return (original, content, failed) -> dsn.build(DsnRequest.forSender(original.envelope().sender(), hostName,
                original.id(), original.envelope().receivedAt(),
                failed.stream().map(r -> DsnRecipient.failed(r, Optional.empty(), clock.instant())).toList(), content));
    }
}
