package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;

/** What became of a choice made on the confirmation page. */
public sealed interface DecisionResult {

    /** The choice was carried out; the hold is in its new state. */
    record Done(HeldMessage hold) implements DecisionResult {
    }

    /**
     * The choice is incomplete or contradictory (a flagged recipient neither ticked nor excluded,
     * nobody ticked, an address that is no recipient); nothing changed. {@code reason} is a message key.
     */
    record Refused(String reason) implements DecisionResult {
    }

    /**
     * Nothing to decide any more: the link was used, the hold was decided or expired, another request
     * won the race, or the stored message no longer matches. Nothing changed.
     */
    record Stale() implements DecisionResult {
    }
}
