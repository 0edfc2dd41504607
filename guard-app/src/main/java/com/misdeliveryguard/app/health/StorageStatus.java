package com.misdeliveryguard.app.health;

import java.time.Instant;
import java.util.Optional;

/**
 * The result of one storage probe: what failed (empty = fine) for the spool and the database, and
 * when it was checked.
 */
record StorageStatus(Optional<String> spoolProblem, Optional<String> databaseProblem, Instant checkedAt) {

    /** Before the first probe: nothing is known, so nothing may be committed. */
    static StorageStatus unknown(Instant now) {
        return new StorageStatus(Optional.of("not probed yet"), Optional.of("not probed yet"), now);
    }

    boolean canCommit() {
        return spoolProblem.isEmpty() && databaseProblem.isEmpty();
    }
}
