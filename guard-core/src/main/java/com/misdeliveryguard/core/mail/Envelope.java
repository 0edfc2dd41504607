package com.misdeliveryguard.core.mail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SMTP dialogue established for one message. Decisions and delivery use these canonical
 * values only; header addresses are shown to people but never drive delivery.
 *
 * @param sender             MAIL FROM, possibly {@code <>}
 * @param recipients         every accepted RCPT TO, in order, without duplicates
 * @param authenticatedUser  the SMTP AUTH identity, when the client authenticated
 * @param clientAddress      the client's IP address as text
 * @param helo               what the client said in HELO/EHLO
 * @param tls                whether the transaction ran over TLS
 * @param eightBitMime       whether the client declared {@code BODY=8BITMIME}
 * @param receivedAt         when the guard accepted the message
 */
public record Envelope(ReversePath sender, List<MailAddress> recipients, Optional<String> authenticatedUser,
        String clientAddress, String helo, boolean tls, boolean eightBitMime, Instant receivedAt) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        if (recipients.stream().distinct().count() != recipients.size()) {
            throw new IllegalArgumentException("duplicate envelope recipient");
        }
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The same envelope addressed to fewer recipients (per-recipient release, retries). */
    public Envelope withRecipients(List<MailAddress> subset) {
        return new Envelope(sender, subset, authenticatedUser, clientAddress, helo, tls, eightBitMime, receivedAt);
    }
}
