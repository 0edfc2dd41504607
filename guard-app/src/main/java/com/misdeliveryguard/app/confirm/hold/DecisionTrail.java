package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.audit.AuditEvent;
import com.misdeliveryguard.core.audit.DecisionLog;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the confirmation side's events (notified, reminded, confirmed, partially confirmed,
 * cancelled, expired) to the decision log. A log that cannot be written is reported and does not
 * undo or block the decision (the {@link DecisionLog} contract). Without a decision log bean the
 * events only go to this class's logger.
 */
public final class DecisionTrail {

    private static final Logger log = LoggerFactory.getLogger(DecisionTrail.class);
    private final Optional<DecisionLog> decisionLog;

    public DecisionTrail(Optional<DecisionLog> decisionLog) {
        this.decisionLog = Objects.requireNonNull(decisionLog, "decisionLog");
    }

    public void record(AuditEvent event) {
        if (decisionLog.isEmpty()) {
            log.info("{} {}", event.type().code(), event.queue().orElse("-"));
            return;
        }
        try {
            decisionLog.get().append(event);
        } catch (RuntimeException e) {
            log.error("Cannot write the {} entry of {} to the decision log", event.type().code(),
                    event.queue().orElse("-"), e);
        }
    }
}
