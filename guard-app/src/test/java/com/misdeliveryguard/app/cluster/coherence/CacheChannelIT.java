package com.misdeliveryguard.app.cluster.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.cluster.coherence.CacheCoherence.Topic;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cache channel over a real PostgreSQL ({@code GUARD_TEST_POSTGRES_URL}): what one instance
 * changed reaches another, not itself; many changes at once arrive in payloads under PostgreSQL's size
 * limit; and when the listening connection is killed ({@code pg_terminate_backend}, as a database
 * restart or a network cut would), the listener connects again, empties the caches (changes may have
 * been missed) and hears new changes again.
 */
class CacheChannelIT {

    private BareSchema database;
    private String schema;
    private CacheCoherence here;
    private CacheCoherence there;
    private final List<String> forgotten = new CopyOnWriteArrayList<>();
    private final AtomicInteger emptied = new AtomicInteger();

    @BeforeEach
    void twoInstancesOnOneSchema() {
        database = new BareSchema();
        schema = database.name;
        here = CacheCoherence.over(channel());
        there = CacheCoherence.over(channel());
        there.register(Topic.LEARNED_RECIPIENTS, forgotten::add, emptied::incrementAndGet);
        here.register(Topic.LEARNED_RECIPIENTS, key -> forgotten.add("echo " + key), () -> { });
        awaitListening();
    }

    @AfterEach
    void close() throws Exception {
        if (database != null) {
            here.close();
            there.close();
            database.close();
        }
    }

    @Test
    void aChangeReachesTheOtherInstanceButNotItsOwn() {
        here.changed(Topic.LEARNED_RECIPIENTS, "tanaka@example.co.jp\tyamada@gmail.com");
        await().atMost(Duration.ofSeconds(1)).until(() -> forgotten.contains("tanaka@example.co.jp\tyamada@gmail.com"));
        assertThat(forgotten).noneMatch(key -> key.startsWith("echo "));
        assertThat(emptied).hasValue(0);
    }

    @Test
    void manyChangesAtOnceAllArrive() {
        IntStream.range(0, 2_000).forEach(i -> here.changed(Topic.LEARNED_RECIPIENTS, "sender" + i + "@example.co.jp"
                + "\trecipient@partner.co.jp"));
        await().atMost(Duration.ofSeconds(5)).until(() -> forgotten.size() >= 2_000);
        assertThat(forgotten).hasSize(2_000).doesNotHaveDuplicates();
    }

    @Test
    void aKilledListeningConnectionIsReplacedAndTheCachesAreEmptied() {
        JdbcTemplate admin = new JdbcTemplate(database.dataSource());
        assertThat(admin.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                + " application_name = 'test cache listener' AND query LIKE 'LISTEN%' AND"
                + " query LIKE '%" + schema + "%'", Integer.class)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> emptied.get() >= 1);
        awaitListening();
        here.changed(Topic.LEARNED_RECIPIENTS, "after@example.co.jp\tback@partner.co.jp");
        await().atMost(Duration.ofSeconds(1))
                .until(() -> forgotten.contains("after@example.co.jp\tback@partner.co.jp"));
    }

    private NotifyChannel channel() {
        return new NotifyChannel(new JdbcTemplate(database.dataSource()), () -> {
            return DriverManager.getConnection(database.url + (database.url.contains("?") ? "&" : "?")
                    + "ApplicationName=test%20cache%20listener&currentSchema=" + schema);
        });
    }

    /** Until both listeners run LISTEN on this schema's channel. */
    private void awaitListening() {
        JdbcTemplate admin = new JdbcTemplate(database.dataSource());
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.queryForObject("SELECT COUNT(*) FROM"
                + " pg_stat_activity WHERE application_name = 'test cache listener' AND query LIKE 'LISTEN%"
                + schema + "%'", Integer.class) == 2);
    }
}
