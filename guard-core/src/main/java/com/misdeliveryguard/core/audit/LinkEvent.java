package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Something that happened to the download links of a sent message (SPEC §6a): links created or
 * skipped, a download, a revocation, a misdelivery reported or closed, files purged. Details name
 * files by name and SHA-256 and recipients by address; never a token or file content.
 *
 * @param type       one of the link event types
 * @param queueId    the message's spool id, if the event concerns one message
 * @param who        who acted (recipient, sender, administrator), empty for the guard itself
 * @param sender     the message's envelope sender, if known
 * @param recipients recipients concerned
 * @param summary    one line for the console list
 * @param facts      anything else worth keeping (file names, SHA-256, incident id, reason)
 */
public record LinkEvent(EventType type, Optional<String> queueId, Optional<Actor> who, Optional<ReversePath> sender,
        List<MailAddress> recipients, String summary, Map<String, Object> facts) implements AuditEvent {

    private static final Set<EventType> TYPES = Set.of(EventType.LINKS_CREATED, EventType.LINKS_SKIPPED,
            EventType.DOWNLOADED, EventType.LINKS_REVOKED, EventType.INCIDENT_REPORTED, EventType.INCIDENT_CLOSED,
            EventType.FILES_PURGED);

    public LinkEvent {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("not a link event: " + type);
        }
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(summary, "summary");
        facts = Map.copyOf(facts);
    }

    @Override
    public Optional<String> queue() {
        return queueId;
    }

    @Override
    public Optional<String> actor() {
        return who.map(Actor::name);
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("by", who.map(Actor::details)).put("mailFrom", sender)
                .put("recipients", Details.addresses(recipients)).put("summary", summary).put("facts", facts).map();
    }

    @Override
    public IndexTerms terms() {
        IndexTerms.Builder b = sender.map(s -> IndexTerms.about(s, type.code())).orElseGet(() -> IndexTerms.of(type.code()));
        return b.recipients(recipients).build();
    }
}
