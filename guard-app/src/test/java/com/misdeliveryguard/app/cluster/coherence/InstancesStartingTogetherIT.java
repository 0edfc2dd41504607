package com.misdeliveryguard.app.cluster.coherence;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.directory.DirectoryLoaded;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Issue 13: two instances started at the same moment on one new PostgreSQL schema, with the same
 * start-up directory import, both come up — Flyway migrates once under its lock, the imports run one
 * after the other under the directory's advisory lock (before, one start in six failed with
 * {@code duplicate key value violates unique constraint "dir_organization_name_key_uq"}) — and
 * there is one directory: every contact and organization once. Three rounds, a fresh schema each
 * (without the lock the first round failed already; five rounds passed with it, three keep CI short).
 */
class InstancesStartingTogetherIT {

    private static final int ROUNDS = 3;
    private static final int ORGANIZATIONS = 150;

    @Test
    void twoInstancesStartedTogetherWithTheSameImportBothComeUpWithOneDirectory() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            rows.add(String.format("tanto%03d@partner%03d.co.jp,担当 %03d,たんとう,株式会社取引先%03d,営業部", i, i, i, i));
            rows.add(String.format("bucho%03d@partner%03d.co.jp,部長 %03d,ぶちょう,株式会社取引先%03d,総務部", i, i, i, i));
        }
        rows.add("tanaka@example.co.jp,田中 太郎,たなか たろう,エグザンプル株式会社,営業部");
        Path directory = SharedSchema.directory(rows);
        // two applications initializing Logback at the same moment in one JVM trip over each other
        // (ConcurrentModificationException); separate processes would not share it
        String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try (SmtpSink upstream = SmtpSink.start()) {
            for (int round = 1; round <= ROUNDS; round++) {
                try (SharedSchema schema = new SharedSchema("guard_start")) {
                    startTogetherAndCheck(schema, directory, upstream, round);
                }
            }
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
            } else {
                System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
            }
        }
    }

    private void startTogetherAndCheck(SharedSchema schema, Path directory, SmtpSink upstream, int round)
            throws Exception {
        List<Integer> importProblems = new CopyOnWriteArrayList<>();
        ApplicationListener<PayloadApplicationEvent<?>> loaded = event -> {
            if (event.getPayload() instanceof DirectoryLoaded done) {
                importProblems.add(done.problems());
            }
        };
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<ConfigurableApplicationContext>> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> settings = schema.settings(directory, upstream.port());
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return SharedSchema.start(settings, loaded);
            }));
        }
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<ConfigurableApplicationContext> start : starts) {
            try {
                instances.add(start.join());
            } catch (RuntimeException e) {
                failures.add(e.getCause() == null ? e : e.getCause());
            }
        }
        try {
            assertThat(failures).as("round %d: both instances start", round).isEmpty();
            assertThat(importProblems).as("round %d: both start-up imports succeed", round).containsExactly(0, 0);
            var jdbc = schema.jdbc();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_contact", Integer.class))
                    .isEqualTo(rows(directory));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dir_organization", Integer.class))
                    .isEqualTo(ORGANIZATIONS + 1);
            assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE NOT success OR version IN"
                    + " (SELECT version FROM flyway_schema_history GROUP BY version HAVING COUNT(*) > 1)",
                    String.class))
                    .as("round %d: each migration applied once, none failed", round).isEmpty();
            for (ConfigurableApplicationContext instance : instances) {
                assertThat(instance.getBean(ContactDirectory.class)
                        .contactByAddress(MailAddress.of("bucho149@partner149.co.jp"))).isPresent();
            }
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static int rows(Path csv) throws java.io.IOException {
        return (int) java.nio.file.Files.lines(csv).count() - 1;
    }
}
