package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.app.directory.DirectoryLoaded;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.queue.GuardIntake;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.RepairLog;
import com.misdeliveryguard.smtp.spool.Spool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Start-up order: recover the spool (finish what a crash cut short, quarantine what was never
 * acknowledged; every repair logged and counted) and resume delivery of what a previous run left;
 * then, once the start-up directory import has finished ({@link DirectoryLoaded}), re-check what
 * was accepted but never checked and open the listener — never before, or every recipient would be
 * judged against an incomplete directory. The queue's tick also checks again, after a minute (at once for a
 * message whose records failed behind its 250), what
 * stayed in {@code incoming/} because its records could not be committed (only once the directory
 * is loaded). Shutdown closes the listener first so no new message arrives, commits the records of the
 * messages answered last (which then move to {@code outgoing/}), then lets delivery drain
 * ({@code guard.delivery.drain-time}).
 */
final class RelayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayLifecycle.class);
    /** A message of a session in progress stays in incoming/ for a moment; only older ones are retried. */
    private static final Duration INCOMING_GRACE = Duration.ofMinutes(1);
    private final Spool spool;
    private final DeliveryQueue queue;
    private final GuardIntake intake;
    private final SmtpListener listener;
    private final Duration tick;
    private final RepairLog repairs;
    private final Clock clock;
    private volatile boolean running;
    private volatile boolean directoryLoaded;
    private List<String> uncheckedAtStart = List.of();

    RelayLifecycle(Spool spool, DeliveryQueue queue, GuardIntake intake, SmtpListener listener, Duration tick,
            RepairLog repairs, Clock clock) {
        this.repairs = repairs;
        this.clock = clock;
        this.spool = spool;
        this.queue = queue;
        this.intake = intake;
        this.listener = listener;
        this.tick = tick;
    }

    @Override
    public synchronized void start() {
        Map<QueueState, List<String>> recovered;
        try {
            recovered = spool.recover(repairs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover the spool at " + spool.root(), e);
        }
        log.info("Spool {}: {} incoming, {} outgoing, {} deferred, {} held, {} corrupt", spool.root(),
                recovered.get(QueueState.INCOMING).size(), recovered.get(QueueState.OUTGOING).size(),
                recovered.get(QueueState.DEFERRED).size(), recovered.get(QueueState.HOLD).size(),
                recovered.get(QueueState.CORRUPT).size());
        queue.resume(recovered);
        uncheckedAtStart = recovered.get(QueueState.INCOMING);
        queue.startTicking(tick, () -> directoryLoaded ? intake.retryIncoming(clock.instant().minus(INCOMING_GRACE)) : 0);
        running = true;
        log.info("SMTP listener opens when the directory start-up import has finished");
    }

    @EventListener
    public synchronized void directoryLoaded(DirectoryLoaded loaded) {
        if (!running || listener.isRunning()) {
            return;
        }
        int left = intake.recover(uncheckedAtStart);
        uncheckedAtStart = List.of();
        // only now may the tick retry what stayed in incoming/: retrying while the start-up recovery runs
        // would check a message twice, or find it moved on and report it as stuck
        directoryLoaded = true;
        if (left > 0) {
            log.error("{} message(s) stay in incoming/: their records cannot be committed yet; checked again every {}",
                    left, tick);
        }
        listener.start();
        log.info("SMTP listener on port {}", listener.port());
    }

    @Override
    public synchronized void stop() {
        running = false;
        listener.close();
        intake.finishBehind(); // the records of the last answered messages, which then move to outgoing/
        queue.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
