package com.misdeliveryguard.directory.learned;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link LearnedRecipients} with a Caffeine cache in front of {@link #find}, the one question the
 * rules ask for every recipient the directory does not know. Absence is cached too. {@link #learn}
 * and {@link #forget} go to the delegate and drop the cached answer for that pair at once, then hand
 * the pair's {@linkplain #invalidate key} to {@code afterChange}, which tells the other instances
 * sharing the database (they call {@link #invalidate}); {@code expireAfterWrite} bounds staleness
 * should that message be lost. {@link #learnedBy} is not cached (administration pages, not the mail path).
 */
public final class CachedLearnedRecipients implements LearnedRecipients {

    private final LearnedRecipients delegate;
    private final Cache<String, Optional<LearnedRecipient>> found;
    private final Consumer<String> afterChange;

    /**
     * @param delegate         the store
     * @param maximumSize      cached pairs at most
     * @param expireAfterWrite how long an answer is trusted
     * @param ticker           time source of expiry (tests pass a fake one)
     * @param afterChange      called with the pair's key after each learn or forget
     */
    public CachedLearnedRecipients(LearnedRecipients delegate, long maximumSize, Duration expireAfterWrite,
            Ticker ticker, Consumer<String> afterChange) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.found = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).ticker(ticker)
                .build();
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    /** No {@code afterChange}: one instance. */
    public CachedLearnedRecipients(LearnedRecipients delegate, long maximumSize, Duration expireAfterWrite,
            Ticker ticker) {
        this(delegate, maximumSize, expireAfterWrite, ticker, key -> { });
    }

    /** 100,000 pairs, trusted for 5 minutes, system time. */
    public CachedLearnedRecipients(LearnedRecipients delegate, Consumer<String> afterChange) {
        this(delegate, 100_000, Duration.ofMinutes(5), Ticker.systemTicker(), afterChange);
    }

    /** 100,000 pairs, trusted for 5 minutes, system time, one instance. */
    public CachedLearnedRecipients(LearnedRecipients delegate) {
        this(delegate, key -> { });
    }

    @Override
    public void learn(LearnedRecipient learned) {
        delegate.learn(learned);
        changed(pair(learned.sender(), learned.recipient()));
    }

    @Override
    public Optional<LearnedRecipient> find(MailAddress sender, MailAddress recipient) {
        return found.get(pair(sender, recipient), pair -> delegate.find(sender, recipient));
    }

    @Override
    public List<LearnedRecipient> learnedBy(MailAddress sender, int limit) {
        return delegate.learnedBy(sender, limit);
    }

    @Override
    public boolean forget(MailAddress sender, MailAddress recipient) {
        boolean forgotten = delegate.forget(sender, recipient);
        changed(pair(sender, recipient));
        return forgotten;
    }

    /** Drops the cached answer of the pair with this key (as given to {@code afterChange}): changed elsewhere. */
    public void invalidate(String pairKey) {
        found.invalidate(pairKey);
    }

    /** Drops every cached answer. */
    public void invalidateAll() {
        found.invalidateAll();
    }

    private void changed(String pairKey) {
        found.invalidate(pairKey);
        afterChange.accept(pairKey);
    }

    /** Sender key, a tab (never part of an address), recipient key. */
    private static String pair(MailAddress sender, MailAddress recipient) {
        return ContactAddresses.key(sender) + "\t" + ContactAddresses.key(recipient);
    }
}
