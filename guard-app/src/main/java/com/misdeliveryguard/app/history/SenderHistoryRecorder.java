package com.misdeliveryguard.app.history;

import com.misdeliveryguard.app.relay.GroupCommit;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.history.JdbcSenderHistory;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the sender history from the relay: every recipient the upstream accepted for a message a client
 * submitted counts as one delivery from its envelope sender — mail released after a confirmation included,
 * so a confirmation counts once, as the delivery it leads to. Messages the guard produced (notifications,
 * DSNs) do not count. Deliveries that end at about the same time are committed together. At most once a day,
 * a recording also deletes the expired rows. A failing store is logged and never changes what happens to the
 * message.
 */
final class SenderHistoryRecorder implements RelayEvents {

    static final Duration EXPIRY_INTERVAL = Duration.ofDays(1);
    private static final int MAX_BATCH = 64;
    private static final Logger log = LoggerFactory.getLogger(SenderHistoryRecorder.class);

    private final JdbcSenderHistory store;
    private final Clock clock;
    private final GroupCommit<Delivery> deliveries;
    private Instant nextExpiry = Instant.MIN;

    SenderHistoryRecorder(SenderHistory history, JdbcSenderHistory store, Clock clock) {
        this.store = store;
        this.clock = clock;
        // delivery workers finishing within a few milliseconds of each other share one transaction
        this.deliveries = new GroupCommit<>(MAX_BATCH, history::recordEach, SenderHistoryRecorder::unreachable)
                .lingering(GroupCommit.AFTER_DELIVERY);
    }

    /** A failure that would fail any write (no connection to the database): no use trying each delivery alone. */
    private static boolean unreachable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void relayed(SpooledMessage message, RecipientResult result) {
        relayedAll(message, List.of(result));
    }

    /**
     * The recipients of one attempt as one delivery, written together with those of the other workers that
     * finish within the linger (one transaction); returns once it is committed or its failure logged.
     */
    @Override
    public void relayedAll(SpooledMessage message, List<RecipientResult> results) {
        Optional<MailAddress> sender = message.envelope().sender().address();
        if (message.origin() != SpooledMessage.Origin.SMTP || sender.isEmpty() || results.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            deliveries.submit(new Delivery(sender.get(), results.stream().map(RecipientResult::recipient).toList(), now));
            if (claimExpiry(now)) {
                int expired = store.expire();
                log.debug("Sender history: {} correspondents expired", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot record the delivery of {} in the sender history", message.id(), e);
        }
    }

    private synchronized boolean claimExpiry(Instant now) {
        if (now.isBefore(nextExpiry)) {
            return false;
        }
        nextExpiry = now.plus(EXPIRY_INTERVAL);
        return true;
    }
}
