package com.misdeliveryguard.app.cluster.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the per-sender caps rely on, alike on H2 (in-process) and PostgreSQL (advisory locks): a named
 * lock taken in a transaction makes every other transaction that asks for the same name wait until the
 * first commits or rolls back; other names do not wait; outside a transaction it is refused.
 */
interface TransactionLocksContract {

    DataSource dataSource();

    private TransactionLocks locks() {
        return new TransactionLocks(new JdbcTemplate(dataSource()), DatabaseKind.of(dataSource()));
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    @Test
    default void aSecondTransactionAskingForTheSameNameWaitsUntilTheFirstCommits() throws Exception {
        assertSecondWaitsForTheFirst("notices:<tanaka@example.co.jp>", false);
    }

    @Test
    default void aRollbackReleasesTheLockToo() throws Exception {
        assertSecondWaitsForTheFirst("open-holds:<tanaka@example.co.jp>", true);
    }

    @Test
    default void anotherNameDoesNotWait() throws Exception {
        TransactionLocks locks = locks();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(s -> {
            locks.lock("notices:<a@example.co.jp>");
            held.countDown();
            await(release);
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(s ->
                locks.lock("notices:<b@example.co.jp>")));
        second.get(10, TimeUnit.SECONDS);
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    default void outsideATransactionTheLockIsRefused() {
        assertThatThrownBy(() -> locks().lock("notices:<tanaka@example.co.jp>"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");
    }

    private void assertSecondWaitsForTheFirst(String name, boolean rollBack) throws Exception {
        TransactionLocks locks = locks();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondHolds = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(s -> {
            locks.lock(name);
            held.countDown();
            await(release);
            if (rollBack) {
                s.setRollbackOnly();
            }
        }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> transactions().executeWithoutResult(s -> {
            locks.lock(name);
            secondHolds.countDown();
        }));
        assertThat(secondHolds.await(300, TimeUnit.MILLISECONDS)).as("waits while the first holds it").isFalse();
        release.countDown();
        assertThat(secondHolds.await(10, TimeUnit.SECONDS)).as("goes on once the first ended").isTrue();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
