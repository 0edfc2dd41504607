package com.misdeliveryguard.app.client;

import java.time.Instant;

/** The relay's judgement of a ticket found in a submitted message. */
sealed interface TicketCheck {

    /** The ticket covers this message and this verdict: the user confirmed exactly this in the client. */
    record Honoured(String user, Instant expiresAt) implements TicketCheck {
    }

    /** The ticket does not cover this message; the guard's verdict stands. */
    record Ignored(String user, String reasonEn, String reasonJa) implements TicketCheck {
    }
}
