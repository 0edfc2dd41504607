package com.misdeliveryguard.app.confirm.hold;

/** Whether a hold needs a supervisor's approval, and when the supervisor decides. */
public enum Approval {
    /** The sender decides alone. */
    NONE,
    /** The sender confirms first; an approver then approves or rejects. */
    AFTER,
    /** An approver decides; the sender is only told. */
    INSTEAD
}
