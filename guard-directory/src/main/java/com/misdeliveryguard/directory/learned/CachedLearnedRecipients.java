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

/**
 * {@link LearnedRecipients} with a Caffeine cache in front of {@link #find}, the one question the
 * rules ask for every recipient the directory does not know. Absence is cached too. {@link #learn}
 * and {@link #forget} go to the delegate and drop the cached answer for that pair at once; another
 * instance sharing the database sees the change after {@code expireAfterWrite} at most.
 * {@link #learnedBy} is not cached (administration pages, not the mail path).
 */
public final class CachedLearnedRecipients implements LearnedRecipients {

    private record Pair(String sender, String recipient) {
    }

    private final LearnedRecipients delegate;
    private final Cache<Pair, Optional<LearnedRecipient>> found;

    /**
     * @param delegate         the store
     * @param maximumSize      cached pairs at most
     * @param expireAfterWrite how long an answer is trusted
     * @param ticker           time source of expiry (tests pass a fake one)
     */
    public CachedLearnedRecipients(LearnedRecipients delegate, long maximumSize, Duration expireAfterWrite,
            Ticker ticker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.found = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(expireAfterWrite).ticker(ticker)
                .build();
    }

    /** 100,000 pairs, trusted for 5 minutes, system time. */
    public CachedLearnedRecipients(LearnedRecipients delegate) {
        this(delegate, 100_000, Duration.ofMinutes(5), Ticker.systemTicker());
    }

    @Override
    public void learn(LearnedRecipient learned) {
        delegate.learn(learned);
        found.invalidate(pair(learned.sender(), learned.recipient()));
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
        found.invalidate(pair(sender, recipient));
        return forgotten;
    }

    private static Pair pair(MailAddress sender, MailAddress recipient) {
        return new Pair(ContactAddresses.key(sender), ContactAddresses.key(recipient));
    }
}
