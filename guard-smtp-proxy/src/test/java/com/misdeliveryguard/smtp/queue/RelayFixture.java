package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.delivery.SmtpUpstream;
import com.misdeliveryguard.smtp.delivery.Upstream;
import com.misdeliveryguard.smtp.delivery.UpstreamSettings;
import com.misdeliveryguard.smtp.listener.ListenerSettings;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole relay path on real sockets: listener → spool → {@link GuardIntake} → {@link DeliveryQueue}
 * → {@link SmtpUpstream} → a real upstream server on {@code upstreamPort}. Time is a
 * {@link MutableClock}; tests move it and call {@link DeliveryQueue#runDue()} to retry.
 */
final class RelayFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    final MutableClock clock = new MutableClock(START);
    final Path dir;
    final Spool spool;
    final DeliveryQueue queue;
    final GuardIntake intake;
    final SmtpListener listener;
    /** The stored bytes of every accepted message, copied while it was in incoming/. */
    final Map<String, byte[]> storedBytes = new ConcurrentHashMap<>();
    private boolean stopped;

    RelayFixture(int upstreamPort, Guard guard) {
        this(upstreamPort, guard, null);
    }

    RelayFixture(int upstreamPort, Guard guard, Path existingDir) {
        this(upstreamPort, guard, existingDir, null);
    }

    /** With a bounce composer of the test's choosing (null = the real RFC 3464 one). */
    RelayFixture(int upstreamPort, Guard guard, Path existingDir, BounceComposer bounces) {
        this(upstreamPort, guard, existingDir, bounces, MessageVariants.ORIGINAL);
    }

    /** With what each recipient is sent (e.g. a provider that fails). */
    RelayFixture(int upstreamPort, Guard guard, Path existingDir, BounceComposer bounces, MessageVariants variants) {
        try {
            this.dir = existingDir != null ? existingDir : Files.createTempDirectory("guard-relay-test");
            this.spool = Spool.open(dir.resolve("spool"), clock, Durability.FSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Upstream upstream = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", upstreamPort)
                .timeouts(Duration.ofSeconds(5)).localHostName("guard.test").build());
        RelayEvents copyBytes = new RelayEvents() {
            @Override
            public void accepted(SpooledMessage message) {
                try (InputStream in = spool.openContent(QueueState.INCOMING, message.id())) {
                    storedBytes.put(message.id(), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        this.queue = new DeliveryQueue(spool, upstream, RetrySchedule.defaults(),
                TraceHeader.rfc5321("guard.test"),
                bounces != null ? bounces : BounceComposer.rfc3464("guard.test", clock), copyBytes, clock, 2,
                DeliveryQueue.DEFAULT_DRAIN_TIME, variants);
        this.intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()), guard, queue,
                copyBytes);
        try {
            queue.resume(spool.recover());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.listener = new SmtpListener(ListenerSettings.builder().port(0).hostName("guard.test").build(), spool,
                intake, clock);
        listener.start();
    }

    RawSmtpClient ehlo() throws IOException {
        RawSmtpClient client = new RawSmtpClient(listener.port());
        RawSmtpClient.expect(client.greeting(), "220");
        RawSmtpClient.expect(client.command("EHLO client.test"), "250");
        return client;
    }

    /** Moves time forward and runs the deferred queue. */
    void advance(Duration duration) {
        clock.advance(duration);
        queue.runDue();
    }

    long count(QueueState state) {
        return spool.count(state);
    }

    /** Stops listener and queue but keeps the spool directory (for restart tests). */
    void stop() {
        if (!stopped) {
            stopped = true;
            listener.close();
            queue.close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
