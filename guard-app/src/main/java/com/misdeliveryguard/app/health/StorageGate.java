package com.misdeliveryguard.app.health;

import com.misdeliveryguard.smtp.listener.CommitGate;
import com.misdeliveryguard.smtp.spool.Spool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Knows whether a message can be committed now. A background probe (every
 * {@code guard.health.probe-interval}, and at once after a failed commit) writes, syncs and deletes a
 * small file in the spool and runs a statement on a pooled database connection. The listener asks
 * {@link #open()} at MAIL; the {@code storage} health indicator shows {@link #status()}. Changes are
 * logged once, when they happen, so that an operator sees when storage failed and when it came back.
 *
 * <p>The gate starts closed and opens after the first successful probe; it runs before the relay
 * starts ({@link #getPhase()}).
 */
final class StorageGate implements CommitGate, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StorageGate.class);
    private final Spool spool;
    private final DataSource dataSource;
    private final HealthProperties properties;
    private final Clock clock;
    private final Counter failedCommits;
    private final AtomicBoolean probeQueued = new AtomicBoolean();
    private volatile StorageStatus status;
    private ScheduledExecutorService prober;

    StorageGate(Spool spool, DataSource dataSource, HealthProperties properties, Clock clock, MeterRegistry registry) {
        this.spool = spool;
        this.dataSource = dataSource;
        this.properties = properties;
        this.clock = clock;
        this.status = StorageStatus.unknown(clock.instant());
        this.failedCommits = Counter.builder("guard.commits.failed")
                .description("Messages answered 451 because they could not be committed").register(registry);
    }

    @Override
    public boolean open() {
        return status.canCommit();
    }

    @Override
    public void commitFailed(Exception cause) {
        failedCommits.increment();
        requestProbe();
    }

    StorageStatus status() {
        return status;
    }

    /** Probes now, on the calling thread; returns the new status. */
    StorageStatus probe() {
        StorageStatus next = new StorageStatus(spoolProblem(), databaseProblem(), clock.instant());
        StorageStatus previous = status;
        status = next;
        if (previous.canCommit() != next.canCommit()) {
            if (next.canCommit()) {
                log.info("Storage can commit again: accepting mail");
            } else {
                log.error("Storage cannot commit: answering 451 to new mail until it can (spool: {}; database: {})",
                        next.spoolProblem().orElse("ok"), next.databaseProblem().orElse("ok"));
            }
        }
        return next;
    }

    private Optional<String> spoolProblem() {
        try {
            spool.probe();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(describe(e));
        }
    }

    /**
     * A statement on a pooled connection. A closed embedded database throws here, which makes the pool
     * evict that connection ({@code H2ConnectionEviction}); the next probe opens the file again.
     */
    private Optional<String> databaseProblem() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, properties.probeTimeout().toSeconds()));
            statement.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.of(describe(e));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = message.lines().findFirst().orElse(message);
        return root == e || root.getMessage() == null ? first : first + " (" + root.getMessage() + ")";
    }

    private void requestProbe() {
        ScheduledExecutorService executor = prober;
        if (executor != null && probeQueued.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    probeQueued.set(false);
                    probe();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                probeQueued.set(false);
            }
        }
    }

    @Override
    public void start() {
        probe();
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storage-probe");
            t.setDaemon(true);
            return t;
        });
        long every = properties.probeInterval().toMillis();
        prober.scheduleWithFixedDelay(this::probeSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void probeSafely() {
        try {
            probe();
        } catch (RuntimeException e) {
            log.error("Storage probe failed unexpectedly", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = prober;
        prober = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return prober != null;
    }

    /** Before the relay lifecycle (default phase), so the gate knows the storage when the listener opens. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1000;
    }
}
