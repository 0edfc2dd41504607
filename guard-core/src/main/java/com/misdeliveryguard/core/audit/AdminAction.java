package com.misdeliveryguard.core.audit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something an administrator did: released or deleted a held message, imported the directory,
 * signed a checkpoint, applied retention, … Parameters name the target and the reason; they never
 * carry passwords or tokens.
 *
 * @param who        the administrator, IP and user agent
 * @param action     what was done, e.g. {@code release}, {@code delete}, {@code directory-import}
 * @param queueId    the message acted on, if any
 * @param parameters anything else worth knowing ({@code reason}, file name, counts)
 */
public record AdminAction(Actor who, String action, Optional<String> queueId, Map<String, String> parameters)
        implements AuditEvent {

    public AdminAction {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(queueId, "queueId");
        parameters = Map.copyOf(parameters);
    }

    @Override
    public EventType type() {
        return EventType.ADMIN_ACTION;
    }

    @Override
    public Optional<String> queue() {
        return queueId;
    }

    @Override
    public Optional<String> actor() {
        return Optional.of(who.name());
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("by", who.details()).put("action", action).put("parameters", parameters).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.of(type().code()).build();
    }
}
