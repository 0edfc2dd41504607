package com.misdeliveryguard.core.audit;

import java.util.Map;
import java.util.Optional;

/**
 * One thing that happened, as the decision log records it. Every event knows its type, the queue
 * id of the message it concerns (if any), who did it (if anybody), its details as a canonical JSON
 * object, and the terms the console finds it by.
 *
 * <p>Details never hold message bodies, passwords or confirmation tokens: the event records take
 * only envelopes, header facts (subject, attachment names, Message-ID), findings, replies and ids.
 */
public sealed interface AuditEvent permits MessageReceived, GuardEvent, HoldDecided, AdminAction, AuditAccess,
        RetentionApplied, LinkEvent {

    EventType type();

    /** The spool (queue) id of the message the event concerns. */
    Optional<String> queue();

    /** Who did it: an SMTP user, a sender confirming, an administrator, an auditor; empty for the guard itself. */
    Optional<String> actor();

    /** The event's facts as a JSON object (keys in any order; the log writes them canonically). */
    Map<String, Object> details();

    /** What the console finds the entry by. */
    IndexTerms terms();
}
