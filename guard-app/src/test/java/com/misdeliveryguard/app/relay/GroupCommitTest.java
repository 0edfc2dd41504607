package com.misdeliveryguard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Threads that submit at the same time share writes; each returns only once its own item is written. */
class GroupCommitTest {

    private final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());

    private void slowWrite(List<String> batch) {
        if (batch.contains("bad")) {
            throw new IllegalStateException("cannot write bad");
        }
        if (batch.contains("down")) {
            throw new UnsupportedOperationException("database down");
        }
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writes.add(List.copyOf(batch));
    }

    @Test
    void concurrentSubmittersShareWritesAndEachItemIsWrittenOnce() throws Exception {
        GroupCommit<String> group = new GroupCommit<>(64, this::slowWrite, e -> false);
        List<Future<?>> done = submitAll(group, 20, i -> "item-" + i);
        for (Future<?> f : done) {
            f.get(10, TimeUnit.SECONDS);
        }
        List<String> written = writes.stream().flatMap(List::stream).toList();
        assertThat(written).hasSize(20).doesNotHaveDuplicates();
        assertThat(writes.size()).as("writes for 20 submitters").isLessThan(20);
    }

    @Test
    void aBadItemFailsAloneAndTheOthersOfItsBatchAreWritten() throws Exception {
        GroupCommit<String> group = new GroupCommit<>(64, this::slowWrite, e -> false);
        List<Future<?>> done = submitAll(group, 12, i -> i == 5 ? "bad" : "item-" + i);
        for (int i = 0; i < done.size(); i++) {
            Future<?> f = done.get(i);
            if (i == 5) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("cannot write bad");
            } else {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(writes.stream().flatMap(List::stream).toList()).hasSize(11).doesNotContain("bad");
    }

    @Test
    void aFailureThatFailsEveryWriteFailsTheBatchWithoutTryingEachItem() {
        GroupCommit<String> group = new GroupCommit<>(64, batch -> {
            writes.add(List.copyOf(batch));
            throw new UnsupportedOperationException("database down");
        }, UnsupportedOperationException.class::isInstance);
        assertThatThrownBy(() -> group.submit("down")).hasMessage("database down");
        assertThat(writes).hasSize(1);
    }

    @Test
    void whatQueuedBehindAWriteThatFailsEveryWriteFailsWithItWithoutAWriteOfItsOwn() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        GroupCommit<String> group = new GroupCommit<>(64, batch -> {
            writes.add(List.copyOf(batch));
            writing.countDown();
            try {
                fail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnsupportedOperationException("database down");
        }, UnsupportedOperationException.class::isInstance);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        Thread first = submitter(group, "first", failures);
        first.start();
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> queued = List.of(submitter(group, "second", failures), submitter(group, "third", failures));
        queued.forEach(Thread::start);
        for (Thread t : queued) { // waiting for the writer, their items queued
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        }
        fail.countDown();
        first.join(10_000);
        for (Thread t : queued) {
            t.join(10_000);
        }
        assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(f).hasMessage("database down"));
        assertThat(writes).as("only the first batch was tried").containsExactly(List.of("first"));
    }

    private static Thread submitter(GroupCommit<String> group, String item, List<Throwable> failures) {
        return new Thread(() -> {
            try {
                group.submit(item);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
    }

    @Test
    void aBatchIsNeverLargerThanTheLimit() throws Exception {
        GroupCommit<String> group = new GroupCommit<>(3, this::slowWrite, e -> false);
        for (Future<?> f : submitAll(group, 15, i -> "item-" + i)) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(writes).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(writes.stream().mapToInt(List::size).sum()).isEqualTo(15);
    }

    private static List<Future<?>> submitAll(GroupCommit<String> group, int n,
            java.util.function.IntFunction<String> item) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String it = item.apply(i);
            done.add(pool.submit(() -> {
                start.await();
                group.submit(it);
                return null;
            }));
        }
        start.countDown();
        pool.shutdown();
        return done;
    }
}
