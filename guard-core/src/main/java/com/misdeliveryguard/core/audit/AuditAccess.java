package com.misdeliveryguard.core.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Somebody looked at the decision log: a list with its filters, a message's history, an export,
 * the statistics, a verification.
 *
 * @param who        the signed-in user, IP and user agent
 * @param view       {@code list}, {@code history}, {@code export-csv}, {@code export-jsonl}, {@code statistics}, {@code verify}
 * @param parameters the filters or the queue id
 */
public record AuditAccess(Actor who, String view, Map<String, String> parameters) implements AuditEvent {

    public AuditAccess {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(view, "view");
        parameters = Map.copyOf(parameters);
    }

    @Override
    public EventType type() {
        return EventType.AUDIT_ACCESS;
    }

    @Override
    public Optional<String> queue() {
        return Optional.empty();
    }

    @Override
    public Optional<String> actor() {
        return Optional.of(who.name());
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("by", who.details()).put("view", view).put("parameters", parameters).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.of(type().code()).build();
    }
}
