package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.internal.SeenKeys;

/**
 * One write transaction on the directory. Entries are buffered and written in chunks; nothing is
 * visible to readers until {@link #commit()}. {@link #close()} without a commit rolls everything
 * back, which is how an import that meets a fatal error leaves the directory as it was.
 *
 * <p>Call order: {@code put}/{@code claim} any number of times, optionally
 * {@link #removeUnseen}, then {@link #commit()} once, then {@link #close()} (try-with-resources).
 * Not thread-safe: one thread drives one writer.
 *
 * <p>Writing the same entry twice is a no-op: an entry equal to the stored contact counts as
 * unchanged and keeps its {@code updated_at}.
 */
public interface DirectoryWriter extends AutoCloseable {

    /** Adds or updates the contact with this entry's address. A later entry for the same address wins. */
    void put(ContactEntry entry);

    /** Gives the domain to the organization (created if needed). */
    void claim(DomainClaim claim);

    /**
     * Removes the contacts of the source whose address key is not among {@code seen} — a full
     * re-sync from a source that lists every contact it has (LDAP).
     */
    void removeUnseen(SourceId source, SeenKeys seen);

    /** Writes what is buffered and commits; returns what changed. */
    WriteCounts commit();

    /** Rolls back unless committed, and releases the connection. */
    @Override
    void close();
}
