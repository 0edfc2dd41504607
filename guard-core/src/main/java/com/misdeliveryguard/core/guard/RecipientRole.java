package com.misdeliveryguard.core.guard;

/** Where an envelope recipient appears in the message. */
public enum RecipientRole {
    /** In the To header. */
    TO,
    /** In the Cc header (and not in To). */
    CC,
    /** In neither: only the envelope names it. */
    BCC
}
