package com.misdeliveryguard.app.history;

import com.misdeliveryguard.app.relay.DatabaseUnreachable;
import com.misdeliveryguard.app.relay.WriteBehind;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.history.JdbcSenderHistory;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the sender history from the relay: every recipient the upstream accepted for a message a client
 * submitted counts as one delivery from its envelope sender — mail released after a confirmation included,
 * so a confirmation counts once, as the delivery it leads to. Messages the guard produced (notifications,
 * DSNs) do not count. Deliveries are written behind the delivery workers, in batches (ADR 0014). At most once a day,
 * a recording also deletes the expired rows. A failing store is logged and never changes what happens to the
 * message.
 */
final class SenderHistoryRecorder implements RelayEvents, AutoCloseable {

    static final Duration EXPIRY_INTERVAL = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(SenderHistoryRecorder.class);

    private final JdbcSenderHistory store;
    private final Clock clock;
    private final WriteBehind<Delivery> deliveries;
    private Instant nextExpiry = Instant.MIN;

    SenderHistoryRecorder(SenderHistory history, JdbcSenderHistory store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // written behind the delivery workers, in batches of what they finish meanwhile (one transaction each)
        this.deliveries = new WriteBehind<>("sender-history", WriteBehind.AFTER_DELIVERY, WriteBehind.MAX_BATCH,
                history::recordEach, DatabaseUnreachable.INSTANCE);
    }

    @Override
    public void relayed(SpooledMessage message, RecipientResult result) {
        relayedAll(message, List.of(result));
    }

    /**
     * The recipients of one attempt as one delivery, written behind the delivery worker together with those the
     * other workers finish meanwhile (one transaction); the stage completes once it is committed or its failure
     * logged. A delivery that a crash kept from being written is not counted (the history is a tally of habits,
     * and one delivery fewer changes no rule's answer for long).
     */
    @Override
    public CompletionStage<Void> relayedAll(SpooledMessage message, List<RecipientResult> results) {
        Optional<MailAddress> sender = message.envelope().sender().address();
        if (message.origin() != SpooledMessage.Origin.SMTP || sender.isEmpty() || results.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        CompletableFuture<Void> written = deliveries.submit(new Delivery(sender.get(),
                results.stream().map(RecipientResult::recipient).toList(), now)).exceptionally(e -> {
                    log.warn("Cannot record the delivery of {} in the sender history", message.id(), e);
                    return null;
                });
        try {
            if (claimExpiry(now)) {
                int expired = store.expire();
                log.debug("Sender history: {} correspondents expired", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot delete the expired rows of the sender history; trying again tomorrow", e);
        }
        return written;
    }

    /** Writes what is still queued behind the delivery workers (at shutdown, after the delivery queue closed). */
    @Override
    public void close() {
        deliveries.close();
    }

    private synchronized boolean claimExpiry(Instant now) {
        if (now.isBefore(nextExpiry)) {
            return false;
        }
        nextExpiry = now.plus(EXPIRY_INTERVAL);
        return true;
    }
}
