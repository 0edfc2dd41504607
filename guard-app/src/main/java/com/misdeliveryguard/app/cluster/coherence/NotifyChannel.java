package com.misdeliveryguard.app.cluster.coherence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A PostgreSQL {@code LISTEN/NOTIFY} channel of this schema's instances. Sending goes through the
 * connection pool ({@code pg_notify}, auto-commit: delivered at once). Listening holds one dedicated
 * connection outside the pool on a daemon thread, which waits for notifications with
 * {@link PGConnection#getNotifications(int)} and a timeout, checks the connection when it has been
 * quiet for a while, and after any failure connects again (backing off up to
 * {@link #MAX_BACKOFF}); after each reconnection it reports that notifications may have been missed.
 * The channel's name carries the schema, so deployments (and tests) in other schemas of one database
 * do not hear each other.
 */
final class NotifyChannel implements AutoCloseable {

    /** Opens the dedicated listening connection. */
    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    static final int WAIT_MILLIS = 500;
    static final Duration QUIET_CHECK = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(NotifyChannel.class);

    private final JdbcTemplate pool;
    private final Connector connector;
    private final String name;
    private volatile boolean running = true;
    private volatile Connection listening;
    private Thread listener;

    NotifyChannel(JdbcTemplate pool, Connector connector) {
        this.pool = pool;
        this.connector = connector;
        this.name = nameFor(pool.queryForObject("SELECT current_schema()", String.class));
    }

    /**
     * {@code guard_cache_} and the schema, lower case, other characters as {@code _}, within 63 bytes.
     * The schema must exist (PostgreSQL has no current schema otherwise): ask after the migrations.
     */
    static String nameFor(String schema) {
        if (schema == null) {
            throw new IllegalStateException("the database has no current schema (does the schema of "
                    + "spring.datasource.url exist?)");
        }
        String safe = schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return "guard_cache_" + (safe.length() > 50 ? safe.substring(0, 50) : safe);
    }

    String name() {
        return name;
    }

    /** Sends a payload to every instance listening, this one included. */
    void send(String payload) {
        pool.query("SELECT pg_notify(?, ?)", (RowCallbackHandler) row -> { }, name,
                payload);
    }

    /**
     * Starts listening: each payload goes to {@code receive}; {@code missed} runs whenever listening
     * starts again after a failure (not after the first connection: nothing was cached before it).
     */
    synchronized void start(Consumer<String> receive, Runnable missed) {
        if (listener != null) {
            throw new IllegalStateException("already listening on " + name);
        }
        listener = new Thread(() -> listen(receive, missed), "cache-coherence-listen");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen(Consumer<String> receive, Runnable missed) {
        boolean tried = false;
        long backoff = 250;
        while (running) {
            try (Connection connection = connector.connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + name + "\"");
                }
                if (tried) {
                    log.info("Listening for cache changes on {} again; emptying the caches (changes may have been "
                            + "missed)", name);
                    missed.run();
                }
                tried = true;
                backoff = 250;
                receiveUntilFailure(connection.unwrap(PGConnection.class), connection, receive);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                tried = true;
                log.warn("Listening for cache changes on {} failed; connecting again in {} ms: {}", name, backoff,
                        e.toString());
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            } finally {
                listening = null;
            }
        }
    }

    private void receiveUntilFailure(PGConnection pg, Connection connection, Consumer<String> receive)
            throws SQLException {
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification notification : notifications) {
                    receive.accept(notification.getParameter());
                }
            } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection does not answer");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the listening connection: {}", e.toString());
            }
        }
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
