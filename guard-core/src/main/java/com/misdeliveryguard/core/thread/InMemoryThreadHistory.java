package com.misdeliveryguard.core.thread;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ThreadHistory} in memory, for tests, the check API and single-instance demos: at most
 * {@code capacity} messages, the least recently recorded forgotten first. Lost on restart; the
 * application uses a database-backed one in production.
 */
public final class InMemoryThreadHistory implements ThreadHistory {

    /** Domains a single message may record at most; more are ignored (a message has at most 100 recipients). */
    static final int MAX_DOMAINS_PER_MESSAGE = 500;

    private final Map<String, Set<DomainName>> messages;

    /** @param capacity messages remembered at most, positive */
    public InMemoryThreadHistory(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.messages = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<DomainName>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized void record(String messageId, Set<DomainName> domains) {
        Objects.requireNonNull(messageId, "messageId");
        Set<DomainName> known = messages.computeIfAbsent(messageId, id -> new HashSet<>());
        for (DomainName domain : domains) {
            if (known.size() >= MAX_DOMAINS_PER_MESSAGE) {
                break;
            }
            known.add(domain);
        }
    }

    @Override
    public synchronized Set<DomainName> domainsOf(Collection<String> messageIds) {
        Set<DomainName> result = new HashSet<>();
        for (String id : messageIds) {
            Set<DomainName> domains = messages.get(id);
            if (domains != null) {
                result.addAll(domains);
            }
        }
        return Set.copyOf(result);
    }
}
