package com.misdeliveryguard.smtp.delivery;

/**
 * Where delivered mail goes: the configured smart host, or the demo outbox when none is configured.
 *
 * <p>Contract: {@link #deliver} never throws for delivery problems; every recipient of the
 * {@link OutboundMessage} gets exactly one {@link RecipientResult} in the report, in the same order.
 * Connection failures, timeouts and TLS failures are temporary failures of every recipient.
 * Implementations are thread-safe; a connection is used by one call at a time (it may be reused by the
 * next call, ADR 0014).
 */
public interface Upstream {

    DeliveryReport deliver(OutboundMessage message);

    /**
     * Whether {@link #deliver} calls the content's {@link OutboundMessage.Content#ready} before the end of data
     * and sends none when it throws; only then may the delivery queue start a transaction before the message may
     * leave (ADR 0017).
     */
    default boolean withholdsEndOfData() {
        return false;
    }
}
