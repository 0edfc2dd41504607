package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a presented token grants, read from its stored row (found by the hash of the token, then
 * checked against the held message by {@link ConfirmationTokens#boundTo}).
 *
 * @param lookup    SHA-256 of the token, hex: the row's key
 * @param binding   SHA-256 of token, queue id and message hash, hex
 * @param queueId   the held message
 * @param audience  sender or approver
 * @param addressee the address the link was mailed to: who decides with it
 * @param expiresAt the end of the hold, and of the link
 * @param usedAt    when a decision used it
 */
public record TokenGrant(String lookup, String binding, String queueId, Audience audience, MailAddress addressee,
        Instant expiresAt, Optional<Instant> usedAt) {

    public TokenGrant {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(addressee, "addressee");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
