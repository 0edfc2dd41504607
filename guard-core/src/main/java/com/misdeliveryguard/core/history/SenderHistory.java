package com.misdeliveryguard.core.history;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.List;

/**
 * Whom each sender writes to and how often (ADR 0007). Port: the relay records every delivered
 * recipient; the {@code namesake-of-usual-recipient} rule asks for a sender's correspondents. Addresses
 * are compared with the local part case-insensitive ({@link com.misdeliveryguard.core.directory.ContactAddresses#key}).
 *
 * <p>Implementations are bounded (a fixed number of correspondents per sender, the least recent forgotten
 * first) and expire correspondents not written to within their retention. Thread-safe. A store that
 * cannot answer throws; the rule then finds nothing (the history only ever adds holds, so an unreadable
 * history cannot let mail through that would otherwise be held by another rule).
 */
public interface SenderHistory {

    /** One message from the sender was delivered to the recipient at this time. */
    void record(MailAddress sender, MailAddress recipient, Instant at);

    /** One message from the sender was delivered to these recipients at this time (by default one by one). */
    default void recordAll(MailAddress sender, List<MailAddress> recipients, Instant at) {
        recipients.forEach(r -> record(sender, r, at));
    }

    /**
     * Several deliveries, of any senders, recorded together: all or none where the store has transactions
     * (one commit for all of them). By default one after the other.
     */
    default void recordEach(List<Delivery> deliveries) {
        deliveries.forEach(d -> recordAll(d.sender(), d.recipients(), d.at()));
    }

    /** The sender's correspondents within the retention, most deliveries first, at most {@code limit}. */
    List<Correspondent> correspondentsOf(MailAddress sender, int limit);

    /** Remembers nothing and knows nobody: the rule that reads it stays silent. */
    SenderHistory NONE = new SenderHistory() {
        @Override
        public void record(MailAddress sender, MailAddress recipient, Instant at) {
        }

        @Override
        public List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
            return List.of();
        }
    };
}
