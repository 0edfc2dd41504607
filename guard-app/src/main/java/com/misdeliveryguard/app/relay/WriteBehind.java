package com.misdeliveryguard.app.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that nobody waits for, gathered by one thread of their own into large batches (ADR 0014): the
 * records of a delivery the upstream has already accepted. {@link #submit} queues an item and returns at
 * once with a future that the write holding the item completes. The writer takes what is queued when the
 * first item has waited {@code interval}, or at once when {@code maxBatch} items are queued, and writes it
 * in one write (one transaction). A failed batch is written again item by item, as {@link GroupCommit}
 * does, unless {@code failsAll} says that no write could succeed now.
 *
 * <p>Since with {@code WRITE_DELAY=0} every commit of the embedded database writes each page it changed (and the
 * pages above it), one batch of a hundred deliveries writes far fewer pages than a hundred batches of one. What depends on an item being
 * written (removing the delivered message from the spool) waits for its future, not the submitter.
 *
 * <p>{@link #close} writes what is queued and stops the thread; an item submitted after that is written on
 * the submitter's thread.
 *
 * @param <T> one item of work
 */
public final class WriteBehind<T> implements AutoCloseable {

    /** How long the records of a delivery wait for others to share their commit. */
    public static final Duration AFTER_DELIVERY = Duration.ofMillis(100);
    /** At most this many items in one write. */
    public static final int MAX_BATCH = 256;

    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);
    private final Consumer<List<T>> write;
    private final Predicate<RuntimeException> failsAll;
    private final int maxBatch;
    private final long intervalNanos;
    private final Object lock = new Object();
    private final ArrayDeque<GroupCommit.Pending<T>> queued = new ArrayDeque<>();
    private final Thread writer;
    private boolean closed;
    private volatile Consumer<Integer> batchSizes = n -> { };

    /**
     * @param name     the writer thread's name
     * @param write    writes a batch, all or nothing (one transaction); throws when it could not
     * @param failsAll whether a failure of a batch would fail every write (then no item is tried alone)
     */
    public WriteBehind(String name, Duration interval, int maxBatch, Consumer<List<T>> write,
            Predicate<RuntimeException> failsAll) {
        if (maxBatch < 1 || interval.isNegative()) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and the interval not negative");
        }
        this.write = write;
        this.failsAll = failsAll;
        this.maxBatch = maxBatch;
        this.intervalNanos = interval.toNanos();
        this.writer = new Thread(this::run, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Told the size of every batch the writer thread takes (a metric), as {@link GroupCommit#measuring}. */
    public WriteBehind<T> measuring(Consumer<Integer> sizes) {
        this.batchSizes = sizes;
        return this;
    }

    /** Queues {@code item}; the future completes when it is written, exceptionally when it could not be. */
    public CompletableFuture<Void> submit(T item) {
        GroupCommit.Pending<T> pending = new GroupCommit.Pending<>(item, new CompletableFuture<>());
        synchronized (lock) {
            if (!closed) {
                queued.addLast(pending);
                if (queued.size() == 1 || queued.size() >= maxBatch) {
                    lock.notifyAll();
                }
                return pending.done();
            }
        }
        GroupCommit.writeBatch(List.of(pending), write, failsAll);
        return pending.done();
    }

    private void run() {
        while (true) {
            List<GroupCommit.Pending<T>> batch = next();
            if (batch.isEmpty()) {
                return;
            }
            try {
                batchSizes.accept(batch.size());
                GroupCommit.writeBatch(batch, write, failsAll);
            } catch (Error e) {
                log.error("Writer {} failed; its items failed with it", writer.getName(), e);
            }
        }
    }

    /** The next batch: empty once closed and drained. */
    private List<GroupCommit.Pending<T>> next() {
        synchronized (lock) {
            try {
                while (queued.isEmpty() && !closed) {
                    lock.wait();
                }
                long deadline = System.nanoTime() + intervalNanos;
                for (long left = intervalNanos; left > 0 && !closed && queued.size() < maxBatch;
                        left = deadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                closed = true; // interrupted only by a shutdown: write what is queued and stop
            }
            List<GroupCommit.Pending<T>> batch = new ArrayList<>(Math.min(queued.size(), maxBatch));
            while (!queued.isEmpty() && batch.size() < maxBatch) {
                batch.add(queued.pollFirst());
            }
            return batch;
        }
    }

    /** Writes what is queued (waiting up to 30 s for it) and stops the writer thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("Writer {} did not finish within 30 s; the items it still holds are not written",
                    writer.getName());
        }
    }
}
