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
    }
}
