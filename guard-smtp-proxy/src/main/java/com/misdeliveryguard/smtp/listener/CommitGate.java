package com.misdeliveryguard.smtp.listener;

/**
 * Whether the guard can commit a message right now (spool writable, database reachable, …), as
 * the application knows it. The listener asks at MAIL and answers {@code 451 4.3.0} while the
 * gate is closed, so clients retry instead of sending data that cannot be kept; and it reports
 * every {@code 451} it answers because a commit failed, so the gate can close at once and the
 * failure is counted.
 *
 * <p>Implementations are called on SMTP session threads and must answer without blocking.
 */
public interface CommitGate {

    /** True when a message can be committed now. */
    boolean open();

    /** The listener answered {@code 451} because storing or committing a message failed. */
    void commitFailed(Exception cause);

    /** A gate that never closes and ignores failures (the listener on its own, in tests). */
    CommitGate ALWAYS_OPEN = new CommitGate() {
        @Override
        public boolean open() {
            return true;
        }

        @Override
        public void commitFailed(Exception cause) {
        }
    };
}
