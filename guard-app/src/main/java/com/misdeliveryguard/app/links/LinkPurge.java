package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LinkEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes the stored bytes of files whose links expired more than {@code purge-grace} ago (the file
 * names, SHA-256 and download records stay for incidents and audits), logs each purge, and forgets
 * check records older than 30 days. Runs hourly on a daemon thread, first a minute after start-up;
 * several instances may run it at once (each purge is one conditional update).
 */
final class LinkPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LinkPurge.class);
    private static final Duration REQUEST_AGE = Duration.ofDays(30);

    private final LinkStore store;
    private final FileVault vault;
    private final LinkJournal journal;
    private final Duration grace;
    private final Clock clock;
    private ScheduledExecutorService executor;

    LinkPurge(LinkStore store, FileVault vault, LinkJournal journal, Duration grace, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.journal = journal;
        this.grace = grace;
        this.clock = clock;
    }

    /** One run; returns the number of messages whose files were purged. */
    int run() {
        Instant now = clock.instant();
        int purged = 0;
        for (Sending s : store.dueForPurge(now.minus(grace))) {
            int chunks = vault.delete(s.queueId());
            store.markPurged(s.queueId(), now);
            List<Sending.File> files = store.files(s.queueId());
            journal.record(new LinkEvent(EventType.FILES_PURGED, Optional.of(s.queueId()), Optional.empty(),
                    Downloads.sender(s), List.of(), files.size() + " file(s) purged, links expired " + s.expiresAt(),
                    Map.of("files", LinkedVariants.describe(files), "chunks", chunks)));
            purged++;
        }
        store.forgetRequestsBefore(now.minus(REQUEST_AGE));
        return purged;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-purge");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.error("Purging expired attachment files failed; will try again", e);
            }
        }, 60, 3600, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
