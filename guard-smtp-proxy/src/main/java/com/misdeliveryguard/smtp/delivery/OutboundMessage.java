package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * One delivery attempt's input: the canonical envelope and the exact bytes to send.
 *
 * @param queueId      the spool id, for logs and the trace header
 * @param sender       MAIL FROM; {@link ReversePath#NULL} is sent as {@code <>}
 * @param recipients   RCPT TO, built from these canonical values only (never from header or client strings)
 * @param eightBitMime send {@code BODY=8BITMIME} because the client declared it
 * @param traceHeader  the complete {@code Received:} header field including its final CRLF, sent first
 * @param content      the stored message bytes, sent unchanged after the trace header
 */
public record OutboundMessage(String queueId, ReversePath sender, List<MailAddress> recipients, boolean eightBitMime,
        String traceHeader, Content content) {

    public OutboundMessage {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        Objects.requireNonNull(traceHeader, "traceHeader");
        if (!traceHeader.endsWith("\r\n")) {
            throw new IllegalArgumentException("trace header must end with CRLF");
        }
        Objects.requireNonNull(content, "content");
    }

    /** The stored message bytes; each call opens a fresh stream that the caller closes. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;

        /**
         * Called by an {@link Upstream} that {@linkplain Upstream#withholdsEndOfData withholds the end of data}
         * after the last byte and before the end of data, the point where the upstream takes the message: waits
         * until the message may leave, and throws when it may not, so that the upstream gets no end of data and
         * keeps nothing (ADR 0017). Stored bytes may always leave.
         */
        default void ready() throws IOException {
            // stored bytes in a state they are delivered from: nothing to wait for
        }
    }
}
