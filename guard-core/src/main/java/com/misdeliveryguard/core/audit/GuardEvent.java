package com.misdeliveryguard.core.audit;

import java.util.Optional;

/**
 * An event about one message that the guard itself caused, with nobody acting: verdicts,
 * notifications, reminders, expiries, upstream outcomes. Its queue is the message's and it has no actor.
 */
public sealed interface GuardEvent extends AuditEvent
        permits VerdictGiven, HoldNotified, HoldReminded, HoldExpired, RecipientOutcome, RecipientsDelivered,
        MessageRepaired, NoticeQueued {

    /** Spool id of the message the event is about. */
    String queueId();

    @Override
    default Optional<String> queue() {
        return Optional.of(queueId());
    }

    @Override
    default Optional<String> actor() {
        return Optional.empty();
    }
}
