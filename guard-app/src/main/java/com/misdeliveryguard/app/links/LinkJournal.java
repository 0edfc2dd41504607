package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.audit.LinkEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every link event goes to the decision log and to the counter {@code guard.links.events}
 * (Prometheus {@code guard_links_events_total{event="downloaded"}}, …), and one line to the log.
 */
final class LinkJournal {

    private static final Logger log = LoggerFactory.getLogger(LinkJournal.class);
    private final Optional<DecisionLog> decisionLog;
    private final MeterRegistry registry;

    LinkJournal(Optional<DecisionLog> decisionLog, MeterRegistry registry) {
        this.decisionLog = decisionLog;
        this.registry = registry;
    }

    void record(LinkEvent event) {
        log.info("{} {}: {}", event.type().code(), event.queueId().orElse("-"), event.summary());
        decisionLog.ifPresent(l -> l.append(event));
        Counter.builder("guard.links.events").description("Attachment link events (SPEC §6a)")
                .tag("event", event.type().code()).register(registry).increment();
    }
}
