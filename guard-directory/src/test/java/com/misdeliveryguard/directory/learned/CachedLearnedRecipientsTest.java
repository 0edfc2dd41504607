package com.misdeliveryguard.directory.learned;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachedLearnedRecipientsTest implements LearnedRecipientsContract {

    private final TestDatabase database = TestDatabase.h2();
    private final AtomicLong nanos = new AtomicLong();
    private final CountingLearnedRecipients store = new CountingLearnedRecipients(
            new JdbcLearnedRecipients(database.dataSource()));
    private final CachedLearnedRecipients cached = new CachedLearnedRecipients(store, 1000, Duration.ofMinutes(5),
            nanos::get);

    @Override
    public javax.sql.DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    public LearnedRecipients learned() {
        return cached;
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void asksTheStoreOncePerPairUntilItChanges() {
        MailAddress sender = MailAddress.of("tanaka@example.co.jp");
        MailAddress recipient = MailAddress.of("yamada.private@gmail.com");

        cached.find(sender, recipient);
        cached.find(MailAddress.of("TANAKA@example.co.jp"), recipient);
        assertThat(store.finds.get()).isEqualTo(1);

        cached.learn(new LearnedRecipient(sender, recipient, Instant.parse("2025-04-01T00:00:00Z"), Optional.empty()));
        assertThat(cached.find(sender, recipient)).isPresent();
        assertThat(store.finds.get()).isEqualTo(2);

        cached.forget(sender, recipient);
        assertThat(cached.find(sender, recipient)).isEmpty();
    }

    /** Counts {@code find} calls that reach the store. */
    private static final class CountingLearnedRecipients implements LearnedRecipients {
        private final LearnedRecipients delegate;
        final AtomicLong finds = new AtomicLong();

        CountingLearnedRecipients(LearnedRecipients delegate) {
            this.delegate = delegate;
        }

        @Override
        public void learn(LearnedRecipient learned) {
            delegate.learn(learned);
        }

        @Override
        public Optional<LearnedRecipient> find(MailAddress sender, MailAddress recipient) {
            finds.incrementAndGet();
            return delegate.find(sender, recipient);
        }

        @Override
        public java.util.List<LearnedRecipient> learnedBy(MailAddress sender, int limit) {
            return delegate.learnedBy(sender, limit);
        }

        @Override
        public boolean forget(MailAddress sender, MailAddress recipient) {
            return delegate.forget(sender, recipient);
        }
    }
}
