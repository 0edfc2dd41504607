package com.misdeliveryguard.directory.store;

/**
 * What a writer did, counting contacts and domain claims.
 *
 * @param added     new contacts, and domain claims that gave a domain an owner for the first time
 * @param updated   contacts whose data changed, and claims that changed a domain's owner
 * @param unchanged entries that were already stored exactly so
 * @param removed   contacts removed because their source no longer has them
 */
public record WriteCounts(long added, long updated, long unchanged, long removed) {

    public static final WriteCounts NONE = new WriteCounts(0, 0, 0, 0);

    /** True when the directory changed at all. */
    public boolean changedAnything() {
        return added + updated + removed > 0;
    }
}
