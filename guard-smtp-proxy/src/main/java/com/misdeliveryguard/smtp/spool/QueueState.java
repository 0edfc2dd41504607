package com.misdeliveryguard.smtp.spool;

/**
 * The named states of the spool, one directory each (after Postfix's {@code mail_queue.h}). A message
 * is in exactly one state at a time and moves between them by an atomic directory rename.
 */
public enum QueueState {
    /** Committed and acknowledged with 250; not yet checked by the guard. */
    INCOMING("incoming"),
    /** Held by the guard until the sender confirms. */
    HOLD("hold"),
    /** Checked and waiting for (or undergoing) delivery. */
    OUTGOING("outgoing"),
    /** A delivery attempt failed temporarily; waiting for the next attempt. */
    DEFERRED("deferred"),
    /** Unreadable: quarantined for an administrator, never delivered. */
    CORRUPT("corrupt");

    private final String directory;

    QueueState(String directory) {
        this.directory = directory;
    }

    public String directory() {
        return directory;
    }
}
