package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a delivery status notification reports.
 *
 * <p>The sender is a {@link MailAddress}, not a {@link ReversePath}: a notification for the null
 * sender {@code <>} cannot be expressed (RFC 5321 §4.5.5: never notify about a notification). Callers
 * holding a reverse path use {@link #forSender}, which refuses the null path, or check
 * {@link ReversePath#isNull()} first and skip the notification.
 *
 * @param reportingHost   our host name ({@code Reporting-MTA}, {@code MAILER-DAEMON@host}, Message-ID)
 * @param queueId         the spool id of the original message
 * @param sender          the original envelope sender, who receives the notification
 * @param arrivalDate     when the original message was received
 * @param recipients      the failed or delayed recipients, at least one
 * @param originalMessage the stored bytes of the original message; only its header section is included
 */
public record DsnRequest(String reportingHost, String queueId, MailAddress sender, Instant arrivalDate,
        List<DsnRecipient> recipients, OutboundMessage.Content originalMessage) {

    public DsnRequest {
        reportingHost = HostNames.require(reportingHost, "reportingHost");
        ReceivedHeader.requireQueueId(queueId);
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a notification needs at least one recipient");
        }
        Objects.requireNonNull(originalMessage, "originalMessage");
    }

    /**
     * Builds a request from the original reverse path.
     *
     * @throws IllegalArgumentException for the null reverse path {@code <>}: no notification is ever sent for it
     */
    public static DsnRequest forSender(ReversePath sender, String reportingHost, String queueId, Instant arrivalDate,
            List<DsnRecipient> recipients, OutboundMessage.Content originalMessage) {
        MailAddress address = sender.address().orElseThrow(() -> new IllegalArgumentException(
                "no delivery status notification for the null sender <> (RFC 5321 §4.5.5)"));
        return new DsnRequest(reportingHost, queueId, address, arrivalDate, recipients, originalMessage);
    }

    /** True when at least one recipient failed (a bounce rather than a delay warning). */
    public boolean reportsFailure() {
        return recipients.stream().anyMatch(r -> r.action() == DsnRecipient.Action.FAILED);
    }
}
