package com.misdeliveryguard.core.thread;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.Collection;
import java.util.Set;

/**
 * Which domains took part in the messages the guard has seen, by Message-ID, so that the
 * {@code new-domain-in-reply} rule can tell when a reply brings a domain into a thread (SPEC §5).
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>thread-safe;</li>
 *   <li>message ids are compared exactly, without angle brackets, as
 *       {@link com.misdeliveryguard.core.message.MessageFacts#messageId()} gives them;</li>
 *   <li>recording an id again adds its domains to those already recorded;</li>
 *   <li>an implementation may forget old entries (bounded memory, retention); a forgotten message is then
 *       simply not seen;</li>
 *   <li>failures surface as unchecked exceptions; the rule engine turns them into a finding that holds.</li>
 * </ul>
 */
public interface ThreadHistory {

    /** Remembers the domains of one message: its sender's and every recipient's. */
    void record(String messageId, Set<DomainName> domains);

    /**
     * The domains of every recorded message among {@code messageIds} (In-Reply-To and References of
     * a reply), united; empty when none of them was seen.
     */
    Set<DomainName> domainsOf(Collection<String> messageIds);

    /** Remembers nothing and has seen nothing: the rule never fires. */
    ThreadHistory NONE = new ThreadHistory() {
        @Override
        public void record(String messageId, Set<DomainName> domains) {
        }

        @Override
        public Set<DomainName> domainsOf(Collection<String> messageIds) {
            return Set.of();
        }
    };
}
