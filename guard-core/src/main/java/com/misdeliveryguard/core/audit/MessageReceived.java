package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message was committed to the spool: the SMTP envelope and what identifies the stored bytes.
 * Header facts (Message-ID, subject, attachment names) are recorded when they could be read; the
 * body never is.
 *
 * @param queueId          spool id
 * @param envelope         canonical envelope (client IP, AUTH user, HELO, TLS, sender, recipients, time)
 * @param size             stored bytes
 * @param sha256           hex SHA-256 of the stored bytes
 * @param generatedByGuard a DSN or notice the guard wrote itself
 * @param facts            header facts, empty for messages the guard generated or could not read
 */
public record MessageReceived(String queueId, Envelope envelope, long size, String sha256, boolean generatedByGuard,
        Optional<MessageFacts> facts) implements AuditEvent {

    public MessageReceived {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(facts, "facts");
    }

    @Override
    public EventType type() {
        return EventType.RECEIVED;
    }

    @Override
    public Optional<String> queue() {
        return Optional.of(queueId);
    }

    @Override
    public Optional<String> actor() {
        return envelope.authenticatedUser();
    }

    @Override
    public Map<String, Object> details() {
        return Details.create()
                .put("origin", generatedByGuard ? "guard" : "smtp")
                .put("clientAddress", envelope.clientAddress())
                .put("authenticatedUser", envelope.authenticatedUser())
                .put("helo", envelope.helo())
                .put("tls", envelope.tls())
                .put("mailFrom", envelope.sender())
                .put("rcptTo", Details.addresses(envelope.recipients()))
                .put("receivedAt", envelope.receivedAt())
                .put("size", size)
                .put("sha256", sha256)
                .put("messageId", facts.flatMap(MessageFacts::messageId))
                .put("subject", facts.map(MessageFacts::subject))
                .put("attachmentNames", facts.map(MessageFacts::attachmentNames).filter(l -> !l.isEmpty()))
                .map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(envelope.sender(), type().code()).recipients(envelope.recipients()).build();
    }
}
