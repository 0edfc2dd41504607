package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import com.misdeliveryguard.core.message.MessageFacts;
import java.time.Instant;
import java.util.Optional;
import java.util.Locale;

/**
 * Micrometer view of the relay: {@code guard.messages.accepted}, {@code guard.messages.checked}
 * (tag {@code action}), {@code guard.recipients.delivered|deferred|bounced}, and the gauge
 * {@code guard.spool.messages} per spool state (tag {@code state}: incoming, hold, outgoing, deferred,
 * corrupt).
 */
final class RelayMetrics implements RelayEvents {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter relayed;
    private final Counter deferred;
    private final Counter bounced;

    RelayMetrics(MeterRegistry registry, Spool spool) {
        this.registry = registry;
        this.accepted = Counter.builder("guard.messages.accepted").description("Messages committed to the spool")
                .register(registry);
        this.relayed = Counter.builder("guard.recipients.delivered").description("Recipients accepted upstream")
                .register(registry);
        this.deferred = Counter.builder("guard.recipients.deferred").description("Temporary delivery failures")
                .register(registry);
        this.bounced = Counter.builder("guard.recipients.bounced").description("Permanent failures and expiries")
                .register(registry);
        for (QueueState state : QueueState.values()) {
            Gauge.builder("guard.spool.messages", spool, s -> s.count(state)).tag("state", state.directory())
                    .description("Messages in a spool state").register(registry);
        }
    }

    @Override
    public void accepted(SpooledMessage message) {
        accepted.increment();
    }

    @Override
    public void checked(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        registry.counter("guard.messages.checked", "action", verdict.action().name().toLowerCase(Locale.ROOT))
                .increment();
    }

    @Override
    public void relayed(SpooledMessage message, RecipientResult result) {
        relayed.increment();
    }

    @Override
    public void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
        deferred.increment();
    }

    @Override
    public void bounced(SpooledMessage message, RecipientResult result) {
        bounced.increment();
    }
}
