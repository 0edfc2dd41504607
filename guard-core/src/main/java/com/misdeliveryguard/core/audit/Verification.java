package com.misdeliveryguard.core.audit;

import java.util.Optional;

/**
 * What a verification found.
 *
 * @param entries            entries read
 * @param firstSeq           sequence number of the first entry read (0 when none)
 * @param lastSeq            sequence number of the last entry read (0 when none)
 * @param lastHash           its hash — note it somewhere safe to anchor later verifications
 * @param checkpointsChecked signed checkpoints compared with the chain
 * @param checkpointsSigned  whether their signatures were checked (a key was available)
 * @param firstBreak         the first broken entry, empty when the chain is intact
 */
public record Verification(long entries, long firstSeq, long lastSeq, String lastHash, int checkpointsChecked,
        boolean checkpointsSigned, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    /** One line for people: "intact: entries 1..4711" or "BROKEN at entry 17: …". */
    public String summary() {
        String range = entries == 0 ? "no entries" : "entries " + firstSeq + ".." + lastSeq;
        String checkpoints = checkpointsChecked + " checkpoint(s)" + (checkpointsSigned ? " signed" : " unsigned");
        return firstBreak.map(b -> "BROKEN at entry " + b.seq() + " (" + b.problem() + "): " + b.description()
                + " [" + range + ", " + checkpoints + "]")
                .orElse("intact: " + range + ", last hash " + lastHash + ", " + checkpoints);
    }
}
