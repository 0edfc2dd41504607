package com.misdeliveryguard.core.history;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SenderHistory} in memory, for tests, the corpus and single-instance demos: at most
 * {@code perSender} correspondents per sender (the least recently written to forgotten first), each
 * forgotten {@code retention} after the last delivery by the given clock. Lost on restart.
 */
public final class InMemorySenderHistory implements SenderHistory {

    private record Entry(MailAddress recipient, int deliveries, Instant lastAt) {
    }

    private final int perSender;
    private final Duration retention;
    private final Clock clock;
    private final Map<String, Map<String, Entry>> senders = new HashMap<>();

    public InMemorySenderHistory(int perSender, Duration retention, Clock clock) {
        if (perSender < 1) {
            throw new IllegalArgumentException("perSender must be positive: " + perSender);
        }
        this.perSender = perSender;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public synchronized void record(MailAddress sender, MailAddress recipient, Instant at) {
        Map<String, Entry> correspondents = senders.computeIfAbsent(ContactAddresses.key(sender), s -> new HashMap<>());
        correspondents.merge(ContactAddresses.key(recipient), new Entry(recipient, 1, at),
                (old, added) -> new Entry(recipient, old.deliveries() + 1, old.lastAt().isAfter(at) ? old.lastAt() : at));
        while (correspondents.size() > perSender) {
            correspondents.values().stream().min(Comparator.comparing(Entry::lastAt))
                    .ifPresent(oldest -> correspondents.remove(ContactAddresses.key(oldest.recipient())));
        }
    }

    @Override
    public synchronized List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
        Instant since = clock.instant().minus(retention);
        return senders.getOrDefault(ContactAddresses.key(sender), Map.of()).values().stream()
                .filter(entry -> !entry.lastAt().isBefore(since))
                .sorted(Comparator.comparingInt(Entry::deliveries).reversed().thenComparing(Entry::lastAt,
                        Comparator.reverseOrder()))
                .limit(limit)
                .map(entry -> new Correspondent(entry.recipient(), entry.deliveries(), entry.lastAt()))
                .toList();
    }
}
