package com.misdeliveryguard.app.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background work of the decision log on one daemon thread: a checkpoint at start-up, every
 * {@code checkpoint-interval} (when there are new entries) and at shutdown, and retention every
 * {@code housekeeping-interval}, the first run a minute after start-up. It stops in a later phase
 * than the relay, so the shutdown checkpoint covers the results of the deliveries drained before.
 */
final class AuditHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditHousekeeping.class);
    private final Checkpoints checkpoints;
    private final Retention retention;
    private final Duration checkpointInterval;
    private final Duration retentionInterval;
    private ScheduledExecutorService executor;

    AuditHousekeeping(Checkpoints checkpoints, Retention retention, Duration checkpointInterval,
            Duration retentionInterval) {
        this.checkpoints = checkpoints;
        this.retention = retention;
        this.checkpointInterval = checkpointInterval;
        this.retentionInterval = retentionInterval;
    }

    /** Started before the relay and stopped after it (lower phases start first and stop last). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    @Override
    public synchronized void start() {
        run("start-up checkpoint", checkpoints::signHead);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-housekeeping");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> run("checkpoint", checkpoints::signHead),
                checkpointInterval.toMillis(), checkpointInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(() -> run("retention", retention::apply),
                Math.min(60_000, retentionInterval.toMillis()), retentionInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Decision-log {} failed; will try again", what, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
            run("shutdown checkpoint", checkpoints::signHead);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
