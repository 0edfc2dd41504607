package com.misdeliveryguard.directory.lookup;

import static com.misdeliveryguard.directory.testing.Contacts.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.directory.store.DirectoryWriter;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import com.misdeliveryguard.directory.testing.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class CachedContactDirectoryTest {

    private static final MailAddress TANAKA = MailAddress.of("tanaka@aoba.co.jp");

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private TestDatabase database;
    private JdbcDirectoryStore store;
    private CachedContactDirectory directory;

    @BeforeEach
    void setUp() {
        database = TestDatabase.h2();
        store = JdbcDirectoryStore.builder(database.dataSource()).build();
        directory = CachedContactDirectory.builder(store).expireAfterWrite(Duration.ofMinutes(5)).ticker(ticker).build();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    private void add(String address) {
        try (DirectoryWriter writer = store.openWriter()) {
            writer.put(entry(address).name("田中 太郎").build());
            writer.commit();
        }
    }

    @Test
    void answersARepeatedLookupFromTheCacheIncludingAbsence() {
        directory.contactByAddress(TANAKA);
        add(TANAKA.toString());

        assertThat(directory.contactByAddress(TANAKA)).isEmpty();
        assertThat(directory.addressCacheStats().hitCount()).isEqualTo(1);
    }

    @Test
    void asksTheStoreAgainOnceAnAnswerExpires() {
        directory.contactByAddress(TANAKA);
        add(TANAKA.toString());

        nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

        assertThat(directory.contactByAddress(TANAKA)).isPresent();
    }

    @Test
    void seesAnImportAtOnceAfterInvalidation() {
        directory.contactByAddress(TANAKA);
        add(TANAKA.toString());

        directory.invalidateAll();

        assertThat(directory.contactByAddress(TANAKA)).isPresent();
    }

    @Test
    void reportsAnUnreachableDatabaseAsUnavailableNotAsUnknown() {
        PGSimpleDataSource down = new PGSimpleDataSource();
        down.setURL("jdbc:postgresql://127.0.0.1:1/guard");
        CachedContactDirectory broken = CachedContactDirectory.builder(JdbcDirectoryStore.builder(down).build()).build();

        assertThatThrownBy(() -> broken.contactByAddress(TANAKA)).isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("contact by address");
    }
}
