package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits sessions (a cap per client address on top of SubEthaSMTP's total cap) and enforces the
 * command deadline. SubEthaSMTP's timeout applies to each read, so a client trickling one byte at
 * a time is never cut; the watchdog closes any session whose next command line has not been
 * complete for longer than the deadline.
 */
final class Connections implements SessionHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    /** Per-session bookkeeping; {@code waitingSince} is 0 while a command executes. */
    static final class Connection {
        private final Session session;
        private volatile long waitingSince;

        Connection(Session session, long now) {
            this.session = session;
            this.waitingSince = now;
        }
    }

    private final int perClient;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;
    private final Map<Session, Connection> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    Connections(int perClient, Duration commandDeadline, LongSupplier nanoTime) {
        this.perClient = perClient;
        this.deadlineNanos = commandDeadline.toNanos();
        this.nanoTime = nanoTime;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-deadline-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(1000, commandDeadline.toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::enforceDeadlines, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = session.getRealRemoteAddress().getAddress();
        AtomicInteger count = perAddress.computeIfAbsent(client, a -> new AtomicInteger());
        if (count.incrementAndGet() > perClient) {
            count.decrementAndGet();
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address, try again later");
        }
        open.put(session, new Connection(session, nanoTime.getAsLong()));
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        if (open.remove(session) != null) {
            perAddress.computeIfPresent(session.getRealRemoteAddress().getAddress(),
                    (a, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    /** A command line arrived and is being executed: the deadline does not run. */
    void executing(Session session) {
        Connection c = open.get(session);
        if (c != null) {
            c.waitingSince = 0;
        }
    }

    /** The reply was sent: the client now has the deadline to send its next command. */
    void waiting(Session session) {
        Connection c = open.get(session);
        if (c != null) {
            c.waitingSince = nanoTime.getAsLong();
        }
    }

    int openConnections() {
        return open.size();
    }

    private void enforceDeadlines() {
        long now = nanoTime.getAsLong();
        for (Connection c : open.values()) {
            long since = c.waitingSince;
            if (since != 0 && now - since > deadlineNanos) {
                log.info("Closing SMTP session from {}: no complete command within the deadline",
                        c.session.getRealRemoteAddress());
                // no reply: writing could block this thread on a client that does not read
                try {
                    c.session.closeSocket();
                } catch (IOException e) {
                    log.debug("Closing a timed-out session failed", e);
                }
                c.waitingSince = 0;
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
