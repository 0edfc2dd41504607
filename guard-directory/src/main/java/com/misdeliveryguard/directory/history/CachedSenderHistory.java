package com.misdeliveryguard.directory.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link SenderHistory} with a Caffeine cache of each sender's correspondents in front, the one question the
 * rule asks per message. {@link #record} goes to the delegate and drops the sender's cached answer; another
 * instance sharing the database sees the change after {@code expireAfterWrite} at most. A cached answer
 * serves every question with a limit up to its own.
 */
public final class CachedSenderHistory implements SenderHistory {

    /** The answer to a question with this limit; it answers every smaller limit too. */
    private record Answer(int limit, List<Correspondent> correspondents) {
    }

    private final SenderHistory delegate;
    private final Cache<String, Answer> correspondents;

    public CachedSenderHistory(SenderHistory delegate, long maximumSenders, Duration expireAfterWrite, Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.correspondents = Caffeine.newBuilder().maximumSize(maximumSenders).expireAfterWrite(expireAfterWrite)
                .ticker(ticker).build();
    }

    /** 10,000 senders, trusted for one minute, system time. */
    public CachedSenderHistory(SenderHistory delegate) {
        this(delegate, 10_000, Duration.ofMinutes(1), Ticker.systemTicker());
    }

    @Override
    public void record(MailAddress sender, MailAddress recipient, Instant at) {
        delegate.record(sender, recipient, at);
        correspondents.invalidate(ContactAddresses.key(sender));
    }

    @Override
    public void recordAll(MailAddress sender, List<MailAddress> recipients, Instant at) {
        delegate.recordAll(sender, recipients, at);
        correspondents.invalidate(ContactAddresses.key(sender));
    }

    @Override
    public List<Correspondent> correspondentsOf(MailAddress sender, int limit) {
        String key = ContactAddresses.key(sender);
        Answer cached = correspondents.getIfPresent(key);
        if (cached == null || cached.limit() < limit) {
            cached = new Answer(limit, List.copyOf(delegate.correspondentsOf(sender, limit)));
            correspondents.put(key, cached);
        }
        List<Correspondent> all = cached.correspondents();
        return all.size() <= limit ? all : all.subList(0, limit);
    }
}
