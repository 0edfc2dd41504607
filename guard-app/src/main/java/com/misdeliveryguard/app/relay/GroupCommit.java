package com.misdeliveryguard.app.relay;

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
 * which then fails the whole batch at once instead of trying each item into the same wall, and with it
 * everything queued while it was tried: each queued batch would otherwise wait out the pool's connection
 * timeout again, one after another, and a session queued behind two of them would wait three timeouts for
 * its 451.
 *
 * <p>Where nobody needs to wait for the write, {@link WriteBehind} gathers larger batches on a thread of its own.
 *
 * @param <T> one thread's work
 */
public final class GroupCommit<T> {

    private final Consumer<List<T>> write;
    private final Predicate<RuntimeException> failsAll;
    private final int maxBatch;
    private final Object lock = new Object();
    private final ArrayDeque<Pending<T>> queued = new ArrayDeque<>();
    private boolean writing;
    private volatile Consumer<Integer> batchSizes = n -> { };

    /** An item and the future its write completes. */
    record Pending<T>(T item, CompletableFuture<Void> done) {
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
     * Writes {@code item} together with what other threads submit meanwhile; returns once it is written. An
     * interrupt does not end the wait (the item is queued and may be written): it is kept for the caller.
     */
    public void submit(T item) {
        Pending<T> mine = new Pending<>(item, new CompletableFuture<>());
        boolean interrupted = false;
        synchronized (lock) {
            queued.addLast(mine);
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

    private void writeBatch(List<Pending<T>> batch) {
        batchSizes.accept(batch.size());
        RuntimeException wall = writeBatch(batch, write, failsAll);
        if (wall != null) {
            List<Pending<T>> behind;
            synchronized (lock) {
                behind = new ArrayList<>(queued);
                queued.clear();
            }
            behind.forEach(p -> p.done().completeExceptionally(wall));
        }
    }

    /**
     * Writes a batch and completes each item's future: the batch in one write, or, when that fails, each item
     * alone — unless {@code failsAll} says no write could succeed now. Shared with {@link WriteBehind}.
     *
     * @return the failure when {@code failsAll} says no write could succeed now; null otherwise
     */
    static <T> RuntimeException writeBatch(List<Pending<T>> batch, Consumer<List<T>> write,
            Predicate<RuntimeException> failsAll) {
        try {
            write.accept(batch.stream().map(Pending::item).toList());
            batch.forEach(p -> p.done().complete(null));
            return null;
        } catch (RuntimeException e) {
            boolean wall = failsAll.test(e);
            if (batch.size() == 1 || wall) {
                batch.forEach(p -> p.done().completeExceptionally(e));
                return wall ? e : null;
            }
            for (Pending<T> p : batch) {
                try {
                    write.accept(List.of(p.item()));
                    p.done().complete(null);
                } catch (RuntimeException alone) {
                    p.done().completeExceptionally(alone);
                }
            }
            return null;
        } catch (Error e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            throw e;
        }
    }
}
