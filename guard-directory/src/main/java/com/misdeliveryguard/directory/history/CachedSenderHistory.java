package com.misdeliveryguard.directory.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link SenderHistory} with a Caffeine cache of each sender's correspondents in front, the one question the
 * rule asks per message. {@link #record} goes to the delegate, drops the sender's cached answer and hands the
 * sender's key to {@code afterChange}, which tells the other instances sharing the database (they call
 * {@link #invalidate}); {@code expireAfterWrite} bounds staleness should that message be lost. A cached
 * answer serves every question with a limit up to its own.
 */
public final class CachedSenderHistory implements SenderHistory {

    /** The answer to a question with this limit; it answers every smaller limit too. */
    private record Answer(int limit, List<Correspondent> correspondents) {
    }

    private final SenderHistory delegate;
    private final Cache<String, Answer> correspondents;
    private final Consumer<String> afterChange;

    public CachedSenderHistory(SenderHistory delegate, long maximumSenders, Duration expireAfterWrite, Ticker ticker,
            Consumer<String> afterChange) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.correspondents = Caffeine.newBuilder().maximumSize(maximumSenders).expireAfterWrite(expireAfterWrite)
                .ticker(ticker).build();
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    /** 10,000 senders, trusted for one minute, system time. */
    public CachedSenderHistory(SenderHistory delegate, Consumer<String> afterChange) {
        this(delegate, 10_000, Duration.ofMinutes(1), Ticker.systemTicker(), afterChange);
    }

    /** 10,000 senders, trusted for one minute, system time, one instance. */
    public CachedSenderHistory(SenderHistory delegate) {
        this(delegate, key -> { });
    }

    @Override
    public void record(MailAddress sender, MailAddress recipient, Instant at) {
        delegate.record(sender, recipient, at);
        changed(sender);
    }

    /** Drops the cached answer of the sender with this key (as given to {@code afterChange}): changed elsewhere. */
    public void invalidate(String senderKey) {
        correspondents.invalidate(senderKey);
    }

    /** Drops every cached answer. */
    public void invalidateAll() {
        correspondents.invalidateAll();
    }

    @Override
    public void recordAll(MailAddress sender, List<MailAddress> recipients, Instant at) {
        delegate.recordAll(sender, recipients, at);
        changed(sender);
    }

    @Override
    public void recordEach(List<Delivery> deliveries) {
        delegate.recordEach(deliveries);
        deliveries.stream().map(Delivery::sender).distinct().forEach(this::changed);
    }

    /** Drops this instance's cached answer and tells the other instances (through {@code afterChange}). */
    private void changed(MailAddress sender) {
        String key = ContactAddresses.key(sender);
        correspondents.invalidate(key);
        afterChange.accept(key);
    }

    @Override
    public List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
        String key = ContactAddresses.key(sender);
        Answer cached = correspondents.getIfPresent(key);
        if (cached == null || cached.limit() < limit) {
            // computed under the entry's lock: an invalidation that arrives meanwhile waits, then drops it
            cached = correspondents.asMap().compute(key, (k, old) -> old != null && old.limit() >= limit ? old
                    : new Answer(limit, List.copyOf(delegate.correspondentsOf(sender, limit))));
        }
        List<Correspondent> all = cached.correspondents();
        return all.size() <= limit ? all : all.subList(0, limit);
    }
}
