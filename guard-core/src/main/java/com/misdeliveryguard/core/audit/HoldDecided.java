package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person decided about a held message on the confirmation page: confirmed every recipient,
 * confirmed some and dropped the rest (per-recipient release), or cancelled. Build it with
 * {@link #confirmed}, {@link #partiallyConfirmed} or {@link #cancelled}.
 *
 * @param type              {@link EventType#CONFIRMED}, {@link EventType#PARTIALLY_CONFIRMED} or {@link EventType#CANCELLED}
 * @param queueId           spool id of the held message
 * @param sender            the held message's envelope sender
 * @param who               who decided, from which IP, with which user agent
 * @param timeToDecide      from the notification to the decision
 * @param confirmed         recipients released (empty when cancelled)
 * @param dropped           recipients not released
 * @param senderDepartment  the sender's department in the directory, for the rubber-stamping statistics
 * @param possiblyAutomated decided so fast after the notification that a machine may have clicked
 * @param changes           what the person changed in the message before it was sent (e.g.
 *                          {@code sentInstead -> "tanaka@aoba-shoji.com -> tanaka@aoba-shoji.co.jp"},
 *                          {@code sentAsBcc}, {@code copyQueueId}); empty when it went out as received
 */
public record HoldDecided(EventType type, String queueId, ReversePath sender, Actor who, Duration timeToDecide,
        List<MailAddress> confirmed, List<MailAddress> dropped, Optional<String> senderDepartment,
        boolean possiblyAutomated, Map<String, String> changes) implements AuditEvent {

    public HoldDecided {
        if (type != EventType.CONFIRMED && type != EventType.PARTIALLY_CONFIRMED && type != EventType.CANCELLED) {
            throw new IllegalArgumentException("not a decision: " + type);
        }
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(timeToDecide, "timeToDecide");
        confirmed = List.copyOf(confirmed);
        dropped = List.copyOf(dropped);
        Objects.requireNonNull(senderDepartment, "senderDepartment");
        changes = Map.copyOf(changes);
    }

    /** A decision that changed nothing in the message. */
    public HoldDecided(EventType type, String queueId, ReversePath sender, Actor who, Duration timeToDecide,
            List<MailAddress> confirmed, List<MailAddress> dropped, Optional<String> senderDepartment,
            boolean possiblyAutomated) {
        this(type, queueId, sender, who, timeToDecide, confirmed, dropped, senderDepartment, possiblyAutomated,
                Map.of());
    }

    /** The same decision, with what the person changed in the message. */
    public HoldDecided withChanges(Map<String, String> made) {
        return new HoldDecided(type, queueId, sender, who, timeToDecide, confirmed, dropped, senderDepartment,
                possiblyAutomated, made);
    }

    /** Every recipient was confirmed and the message released. */
    public static HoldDecided confirmed(String queueId, ReversePath sender, Actor who, Duration timeToDecide,
            List<MailAddress> recipients, Optional<String> senderDepartment, boolean possiblyAutomated) {
        return new HoldDecided(EventType.CONFIRMED, queueId, sender, who, timeToDecide, recipients, List.of(),
                senderDepartment, possiblyAutomated);
    }

    /** Some recipients were confirmed and released to alone; {@code dropped} were not sent to. */
    public static HoldDecided partiallyConfirmed(String queueId, ReversePath sender, Actor who, Duration timeToDecide,
            List<MailAddress> confirmed, List<MailAddress> dropped, Optional<String> senderDepartment,
            boolean possiblyAutomated) {
        return new HoldDecided(EventType.PARTIALLY_CONFIRMED, queueId, sender, who, timeToDecide, confirmed, dropped,
                senderDepartment, possiblyAutomated);
    }

    /** The sender cancelled; nothing was sent. */
    public static HoldDecided cancelled(String queueId, ReversePath sender, Actor who, Duration timeToDecide,
            List<MailAddress> recipients, Optional<String> senderDepartment, boolean possiblyAutomated) {
        return new HoldDecided(EventType.CANCELLED, queueId, sender, who, timeToDecide, List.of(), recipients,
                senderDepartment, possiblyAutomated);
    }

    @Override
    public Optional<String> queue() {
        return Optional.of(queueId);
    }

    @Override
    public Optional<String> actor() {
        return Optional.of(who.name());
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("by", who.details())
                .put("secondsToDecide", timeToDecide).put("confirmed", Details.addresses(confirmed))
                .put("dropped", Details.addresses(dropped)).put("senderDepartment", senderDepartment)
                .put("possiblyAutomated", possiblyAutomated).put("changes", changes.isEmpty() ? null : changes).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type.code()).recipients(confirmed).recipients(dropped)
                .department(senderDepartment).build();
    }
}
