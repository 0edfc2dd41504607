package com.misdeliveryguard.app.confirm.hold;

import java.time.Instant;

/**
 * A sender's request, made on the confirmation page, to add an address to the directory.
 *
 * @param id          the request's number
 * @param queueId     the held message it was made from
 * @param address     the address to add
 * @param displayName the display name the message gave it
 * @param note        what the sender wrote (name, organization, department)
 * @param requestedBy who asked (the address the link was sent to)
 * @param requestedAt when
 * @param status      {@code OPEN}, then {@code APPROVED} or {@code REJECTED} (decided once)
 */
public record DirectoryRequest(long id, String queueId, String address, String displayName, String note,
        String requestedBy, Instant requestedAt, String status) {

    /** Whether nobody has decided about it yet. */
    public boolean isOpen() {
        return "OPEN".equals(status);
    }
}
