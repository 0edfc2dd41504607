package com.misdeliveryguard.smtp.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where start-up and periodic reconciliation report what they put right (ADR 0005). Every repair
 * has a kind (a short name an operator can count and search for, e.g. {@code unfinished-removal})
 * and names the message it is about.
 */
@FunctionalInterface
public interface RepairLog {

    /**
     * @param kind what sort of repair, lower-case with dashes
     * @param id   the queue id (or the directory name) repaired
     * @param what one sentence for the operator
     */
    void repaired(String kind, String id, String what);

    /** Only writes the log line. */
    RepairLog LOG = new RepairLog() {
        private final Logger log = LoggerFactory.getLogger(RepairLog.class);

        @Override
        public void repaired(String kind, String id, String what) {
            log.warn("Repair {} of {}: {}", kind, id, what);
        }
    };
}
