package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.core.message.MessageFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to several listeners; see {@link RelayEvents#all}. */
final class CompositeRelayEvents implements RelayEvents {

    private static final Logger log = LoggerFactory.getLogger(CompositeRelayEvents.class);
    private final List<RelayEvents> listeners;

    CompositeRelayEvents(List<RelayEvents> listeners) {
        this.listeners = listeners;
    }

    private void each(Consumer<RelayEvents> event) {
        every(l -> {
            event.accept(l);
            return true;
        });
    }

    /** Tells every listener, even after one said no or threw (logged); whether all of them said yes. */
    private boolean every(Predicate<RelayEvents> event) {
        boolean all = true;
        for (RelayEvents listener : listeners) {
            try {
                all &= event.test(listener);
            } catch (RuntimeException e) {
                log.error("Relay event listener {} failed", listener.getClass().getSimpleName(), e);
                all = false;
            }
        }
        return all;
    }

    @Override
    public void accepted(SpooledMessage message) {
        each(l -> l.accepted(message));
    }

    @Override
    public void checked(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        each(l -> l.checked(message, facts, verdict));
    }

    @Override
    public void relayed(SpooledMessage message, RecipientResult result) {
        each(l -> l.relayed(message, result));
    }

    /**
     * Completes when every listener has recorded them, exceptionally when one could not (each failure logged); a
     * listener that throws instead of returning a stage is logged and not waited for.
     */
    @Override
    public CompletionStage<Void> relayedAll(SpooledMessage message, List<RecipientResult> results) {
        List<CompletableFuture<Void>> recorded = new ArrayList<>();
        each(l -> recorded.add(l.relayedAll(message, results).toCompletableFuture().whenComplete((done, e) -> {
            if (e != null) {
                log.error("Relay event listener {} could not record the delivery of {}", l.getClass().getSimpleName(),
                        message.id(), e);
            }
        })));
        return CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new));
    }

    /** Whether every listener has them recorded; each is told, even after one could not (a throw counts as not). */
    @Override
    public boolean relayedEarlier(SpooledMessage message, List<RecipientResult> results) {
        return every(l -> l.relayedEarlier(message, results));
    }

    @Override
    public void deferred(SpooledMessage message, RecipientResult result, Instant nextAttempt) {
        each(l -> l.deferred(message, result, nextAttempt));
    }

    @Override
    public void bounced(SpooledMessage message, RecipientResult result) {
        each(l -> l.bounced(message, result));
    }

    @Override
    public void dsnQueued(SpooledMessage original, String dsnId, com.misdeliveryguard.core.mail.MailAddress to) {
        each(l -> l.dsnQueued(original, dsnId, to));
    }
}
