package com.misdeliveryguard.app.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Group commit without a thread of its own (ADR 0014): threads that {@link #submit} work at the same time
 * share one write. A submitter queues its item and, when nobody is writing, becomes the writer of everything
 * queued so far (up to {@code maxBatch} items) on its own thread; the others wait. {@link #submit} returns
 * only after the write that holds its own item has succeeded, and throws what made it fail.
 *
 * <p>When a shared write fails, each of its items is written again alone, so that one bad item never fails
 * the others — unless {@code failsAll} says the failure would fail any write (no database connection),
 * which then fails the whole batch at once instead of trying each item into the same wall.
 *
 * <p>Where nobody waits for the write but the submitter itself, the writer may {@link #lingering linger}:
 * wait a few milliseconds for more items before it writes, so that a commit is shared by more of them.
 *
 * @param <T> one thread's work
 */
public final class GroupCommit<T> {

    private final Consumer<List<T>> write;
    private final Predicate<RuntimeException> failsAll;
    private final int maxBatch;
    private final Object lock = new Object();
    /**
     * The linger of the writes that follow a delivery (its {@code delivered} entries, the sender history): the
     * upstream has answered and only the delivery worker waits, so its commit may wait for the workers that finish
     * within these milliseconds (ADR 0014).
     */
    public static final Duration AFTER_DELIVERY = Duration.ofMillis(10);

    private final ArrayDeque<Pending<T>> queued = new ArrayDeque<>();
    private boolean writing;
    private volatile Consumer<Integer> batchSizes = n -> { };
    private volatile long lingerNanos;

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }

    /**
     * @param write    writes a batch, all or nothing (one transaction); throws when it could not
     * @param failsAll whether a failure of a batch would fail every write (then no item is tried alone)
     */
    public GroupCommit(int maxBatch, Consumer<List<T>> write, Predicate<RuntimeException> failsAll) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.write = write;
        this.failsAll = failsAll;
    }

    /** Told the size of every batch written (a metric). */
    public GroupCommit<T> measuring(Consumer<Integer> sizes) {
        this.batchSizes = sizes;
        return this;
    }

    /**
     * The writer waits up to {@code linger} (or until a full batch is queued) before it takes its batch.
     * Every submitter then waits that much longer for its write: only for writes whose submitters are not
     * holding anyone up (not before an SMTP reply).
     */
    public GroupCommit<T> lingering(Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.lingerNanos = linger.toNanos();
        return this;
    }

    /**
     * Writes {@code item} together with what other threads submit meanwhile; returns once it is written. An
     * interrupt does not end the wait (the item is queued and may be written): it is kept for the caller.
     */
    public void submit(T item) {
        Pending<T> mine = new Pending<>(item, new CompletableFuture<>());
        boolean interrupted = false;
        synchronized (lock) {
            queued.addLast(mine);
            if (queued.size() >= maxBatch) {
                lock.notifyAll(); // a lingering writer has a full batch
            }
        }
        while (!mine.done().isDone()) {
            List<Pending<T>> batch = new ArrayList<>();
            synchronized (lock) {
                if (mine.done().isDone()) {
                    break;
                }
                if (writing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    continue;
                }
                writing = true;
                interrupted |= linger();
                while (!queued.isEmpty() && batch.size() < maxBatch) {
                    batch.add(queued.pollFirst());
                }
            }
            try {
                writeBatch(batch);
            } finally {
                synchronized (lock) {
                    writing = false;
                    lock.notifyAll();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Holding the lock as the writer: waits up to the linger for a full batch; whether it was interrupted. */
    private boolean linger() {
        long deadline = System.nanoTime() + lingerNanos;
        for (long left = lingerNanos; left > 0 && queued.size() < maxBatch; left = deadline - System.nanoTime()) {
            try {
                lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private void writeBatch(List<Pending<T>> batch) {
        batchSizes.accept(batch.size());
        try {
            write.accept(batch.stream().map(Pending::item).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1 || failsAll.test(e)) {
                batch.forEach(p -> p.done().completeExceptionally(e));
                return;
            }
            for (Pending<T> p : batch) {
                try {
                    write.accept(List.of(p.item()));
                    p.done().complete(null);
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
        } catch (Error e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            throw e;
        }
    }
}
