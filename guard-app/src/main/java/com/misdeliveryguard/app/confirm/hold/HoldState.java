package com.misdeliveryguard.app.confirm.hold;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a held message is in its life. A hold starts {@link #HELD} (or {@link #DELAYED}) and ends in
 * exactly one final state; every move is a conditional UPDATE, so it happens once.
 *
 * <pre>
 *   HELD ──send──► RELEASED         HELD ──send (approval after)──► AWAITING_APPROVAL ──approve──► RELEASED
 *   HELD ──cancel─► CANCELLED       AWAITING_APPROVAL ──reject──► CANCELLED
 *   HELD / AWAITING_APPROVAL ──expiry──► EXPIRED
 *   DELAYED ──time up / send now──► RELEASED      DELAYED ──cancel──► CANCELLED
 *   any waiting state ──message gone from hold/──► LEFT_QUEUE
 * </pre>
 */
public enum HoldState {
    /** Waiting for the sender (or, with approval "instead", an approver). */
    HELD,
    /** The sender confirmed; waiting for an approver. */
    AWAITING_APPROVAL,
    /** A DELAY verdict: delivered when the grace period ends unless cancelled. */
    DELAYED,
    /** Released to the confirmed recipients. */
    RELEASED,
    /** Cancelled (or rejected by an approver): discarded, never delivered. */
    CANCELLED,
    /** Nobody decided in time; the expiry action ran. */
    EXPIRED,
    /** The message left the hold queue without a decision here (e.g. an administrator removed it). */
    LEFT_QUEUE;

    /** States in which somebody may still decide. */
    public static final Set<HoldState> WAITING = EnumSet.of(HELD, AWAITING_APPROVAL, DELAYED);

    public boolean isWaiting() {
        return WAITING.contains(this);
    }
}
