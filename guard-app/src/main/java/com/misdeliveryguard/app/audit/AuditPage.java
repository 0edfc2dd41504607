package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.LogEntry;
import java.util.List;
import java.util.Optional;

/**
 * One page of the list, newest first, with the keyset cursors of its neighbours.
 *
 * @param entries newest first
 * @param newer   {@code after} cursor for the page of newer entries, if there are any
 * @param older   {@code before} cursor for the page of older entries, if there are any
 */
public record AuditPage(List<LogEntry> entries, Optional<Long> newer, Optional<Long> older) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
