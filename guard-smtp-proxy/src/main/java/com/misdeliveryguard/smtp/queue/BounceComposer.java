package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Composes the delivery status notification (RFC 3464) for recipients that failed for good.
 * Never called for a message whose sender is {@code <>}.
 */
@FunctionalInterface
public interface BounceComposer {

    /**
     * @param original the message that could not be delivered
     * @param content  its stored bytes (the composer reads the header section only)
     * @param failed   the failed recipients with the upstream's (or the expiry's) reply
     * @return the complete notification message
     */
    byte[] compose(SpooledMessage original, InputStream content, List<RecipientResult> failed) throws IOException;
}
