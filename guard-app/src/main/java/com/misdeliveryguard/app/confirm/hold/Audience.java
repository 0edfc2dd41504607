package com.misdeliveryguard.app.confirm.hold;

/** Whom a confirmation link was sent to. */
public enum Audience {
    /** The sender of the held message. */
    SENDER,
    /** A supervisor configured as approver for a rule that held it. */
    APPROVER
}
