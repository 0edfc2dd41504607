package com.misdeliveryguard.core.audit;

import java.util.Objects;

/**
 * The first place where the chain is not what was written.
 *
 * @param seq         the first broken entry (for a truncation: the first missing one)
 * @param problem     what is wrong there
 * @param description one sentence for people
 */
public record ChainBreak(long seq, Problem problem, String description) {

    /** Kinds of damage. */
    public enum Problem {
        /** The entry's content does not match its hash: it was edited. */
        ALTERED,
        /** The entry's hash matches its content, but the next entry was chained to another hash: edited and re-hashed. */
        RELINKED,
        /** The entry is gone: the next one follows a gap. */
        MISSING,
        /** The entry appears after a later one. */
        REORDERED,
        /** Entries after the last one present are covered by a signed checkpoint: the tail was cut off. */
        TRUNCATED,
        /** The entry's hash differs from the one a signed checkpoint recorded: the chain was rebuilt. */
        REWRITTEN,
        /** A checkpoint's signature is not the key's. */
        FORGED_CHECKPOINT,
        /** The chain does not start where the last retention run left it. */
        HEAD_REMOVED,
        /** The chain's head (its record of the last entry) points before entries that exist or were signed: it was moved back. */
        HEAD_MOVED_BACK,
        /** A line or row could not be read as an entry. */
        UNREADABLE
    }

    public ChainBreak {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(description, "description");
    }
}
