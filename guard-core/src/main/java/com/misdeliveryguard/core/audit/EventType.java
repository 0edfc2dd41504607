package com.misdeliveryguard.core.audit;

import java.util.Arrays;

/** The kinds of decision-log entries; {@link #code()} is what the log stores and exports. */
public enum EventType {
    /** A message was committed to the spool. */
    RECEIVED("received"),
    /** The guard's verdict on a message, with every recipient and finding. */
    VERDICT("verdict"),
    /** The sender of a held message was sent the confirmation link. */
    NOTIFIED("notified"),
    /** The one reminder for an unattended hold. */
    REMINDED("reminded"),
    /** The sender confirmed every recipient. */
    CONFIRMED("confirmed"),
    /** The sender confirmed some recipients and dropped the others (per-recipient release). */
    PARTIALLY_CONFIRMED("partially-confirmed"),
    /** The sender cancelled a held message. */
    CANCELLED("cancelled"),
    /** The guard queued a mail of its own about a message: a notice to the sender or approver, a reminder, a DSN. */
    NOTICE("notice"),
    /** A hold expired unattended. */
    EXPIRED("expired"),
    /** The upstream accepted the message for one or more recipients (one entry per reply). */
    DELIVERED("delivered"),
    /** A temporary delivery failure; another attempt is scheduled. */
    DEFERRED("deferred"),
    /** A permanent failure or expiry of delivery; a DSN goes to the sender. */
    BOUNCED("bounced"),
    /** Something an administrator did (release, delete, import, …). */
    ADMIN_ACTION("admin-action"),
    /** Somebody looked at or exported the decision log. */
    AUDIT_ACCESS("audit-access"),
    /** Entries past the retention period were deleted. */
    RETENTION("retention"),
    /** Reconciliation put a message's records right after a crash or storage fault. */
    REPAIRED("repaired"),
    /** Attachments were stored and each external recipient was given a download link (SPEC §6a). */
    LINKS_CREATED("links-created"),
    /** Links were not applied (signed or encrypted mail), and why. */
    LINKS_SKIPPED("links-skipped"),
    /** A recipient downloaded a linked file. */
    DOWNLOADED("downloaded"),
    /** Download links were revoked. */
    LINKS_REVOKED("links-revoked"),
    /** A misdelivery was reported. */
    INCIDENT_REPORTED("incident-reported"),
    /** An administrator closed an incident. */
    INCIDENT_CLOSED("incident-closed"),
    /** Stored files past their expiry and grace period were deleted. */
    FILES_PURGED("files-purged");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The type with this code. */
    public static EventType ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + code));
    }
}
