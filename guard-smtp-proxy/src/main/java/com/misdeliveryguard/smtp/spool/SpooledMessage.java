package com.misdeliveryguard.smtp.spool;

import com.misdeliveryguard.core.mail.Envelope;
import java.util.Objects;

/**
 * A committed message: its id, the envelope the SMTP dialogue established, and what identifies the
 * stored bytes.
 *
 * @param id     spool id, also the queue id in replies and trace headers
 * @param envelope canonical envelope
 * @param size   number of stored message bytes
 * @param sha256 hex SHA-256 of the stored bytes
 * @param origin who produced the message
 */
public record SpooledMessage(String id, Envelope envelope, long size, String sha256, Origin origin) {

    /** Who produced a spooled message. */
    public enum Origin {
        /** A client submitted it over SMTP. */
        SMTP,
        /** The guard generated it (delivery status notification, notice to the sender); never checked. */
        GUARD
    }

    public SpooledMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(origin, "origin");
    }
}
