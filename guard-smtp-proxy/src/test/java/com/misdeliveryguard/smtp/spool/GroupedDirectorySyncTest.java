package com.misdeliveryguard.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent directory syncs share an fsync, and nobody returns before an fsync that began after it asked. */
class GroupedDirectorySyncTest {

    @TempDir
    Path dir;

    /** Real fsyncs, counted, each held open until the test lets it finish. */
    private static final class Gate implements Durability {
        final AtomicInteger started = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile CountDownLatch firstStarted = new CountDownLatch(1);
        volatile boolean fail;

        @Override
        public void force(FileChannel file) throws IOException {
            Durability.FSYNC.force(file);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            started.incrementAndGet();
            firstStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IOException("injected fsync failure");
            }
            Durability.FSYNC.forceDirectory(directory);
        }
    }

    @Test
    void callersThatAskDuringAnFsyncShareTheNextOne() throws Exception {
        Gate gate = new Gate();
        gate.release = new CountDownLatch(1);
        GroupedDirectorySync sync = new GroupedDirectorySync(gate, Set.of(dir));
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = pool.submit(() -> call(sync));
            List<Future<?>> others = othersDuringTheFirstFsync(gate, sync, pool, 8);
            // they asked after the running fsync began: it does not cover them, so none has returned
            assertThat(others).noneMatch(Future::isDone);
            gate.release.countDown();
            first.get(5, TimeUnit.SECONDS);
            for (Future<?> f : others) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertThat(gate.started.get()).as("one fsync for the first caller, one shared by the eight others")
                    .isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedFsyncFailsEveryCallerItWasToCover() throws Exception {
        Gate gate = new Gate();
        gate.release = new CountDownLatch(1);
        GroupedDirectorySync sync = new GroupedDirectorySync(gate, Set.of(dir));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> first = pool.submit(() -> call(sync));
            List<Future<?>> others = othersDuringTheFirstFsync(gate, sync, pool, 4);
            gate.fail = true;
            gate.release.countDown();
            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("injected fsync failure");
            for (Future<?> f : others) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("injected fsync failure");
            }
            gate.fail = false;
            sync.forceDirectory(dir); // a later caller gets an fsync of its own
            assertThat(gate.started.get()).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDirectoryNotNamedAsSharedIsSyncedByEachCallerOnItsOwn() throws Exception {
        Gate gate = new Gate();
        gate.release = new CountDownLatch(1);
        Path message = java.nio.file.Files.createDirectory(dir.resolve("a-message"));
        GroupedDirectorySync sync = new GroupedDirectorySync(gate, Set.of(dir));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                callers.add(pool.submit(() -> {
                    sync.forceDirectory(message);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (gate.started.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(gate.started.get()).as("three fsyncs under way at once, none waiting for another").isEqualTo(3);
            gate.release.countDown();
            for (Future<?> f : callers) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Once the first caller's fsync has begun, {@code n} more callers ask; returns them after a moment. */
    private List<Future<?>> othersDuringTheFirstFsync(Gate gate, GroupedDirectorySync sync, ExecutorService pool, int n)
            throws InterruptedException {
        assertThat(gate.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            others.add(pool.submit(() -> call(sync)));
        }
        Thread.sleep(200);
        return others;
    }

    private Void call(GroupedDirectorySync sync) throws IOException {
        sync.forceDirectory(dir);
        return null;
    }
}
