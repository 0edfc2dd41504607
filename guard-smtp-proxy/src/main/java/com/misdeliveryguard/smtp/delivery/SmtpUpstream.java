package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays to the configured smart host with Jakarta Mail (Angus). Connections are reused: after a
 * transaction in which the upstream accepted every recipient, the connection goes back to a small pool
 * of idle connections (at most {@code maxIdle}, each used by one {@link #deliver} at a time) and the next
 * message is sent on it without a new connect, greeting and EHLO, as Postfix's connection cache does.
 * A connection idle for more than a second is asked {@code NOOP} first; one idle for longer than
 * {@link #MAX_IDLE} or after any failure is closed. {@link #close} sends {@code QUIT} on the idle ones.
 *
 * <p>What goes on the wire, and why (see RELIABILITY.md, "Angus Mail traps"):
 * <ul>
 *   <li>{@code MAIL FROM} is the stored sender's canonical path, {@code <>} for the null sender (an
 *       empty envelope sender would make Angus use the header From);</li>
 *   <li>{@code RCPT TO} is built from the canonical {@link MailAddress} values only, never parsed from
 *       headers or client strings; {@code Transport.send} and {@code saveChanges()} are never used;</li>
 *   <li>{@code BODY=8BITMIME} when the client declared it and the upstream offers 8BITMIME (otherwise the
 *       bytes go unchanged without it, as Postfix does with MIME conversion off);
 *       {@code mail.smtp.allow8bitmime} is never set because it re-encodes parts;</li>
 *   <li>DATA is the trace header followed by the stored bytes, streamed, dot-stuffed by our own {@link DataStream}
 *       ({@link UpstreamTransport}, ADR 0018);</li>
 *   <li>connect, read and write timeouts are always set; STARTTLS is required when configured and the
 *       server identity is checked for every TLS mode; configured credentials that cannot be used are
 *       a failure, never an unauthenticated send.</li>
 * </ul>
 * One refused recipient does not fail the others ({@code mail.smtp.sendpartial}); the mapping of
 * replies to results is described in {@link SendOutcomes}. Thread-safe.
 */
public final class SmtpUpstream implements Upstream, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpUpstream.class);
    private static final String PROTOCOL = "smtp";
    /** An idle connection older than this is closed rather than reused (Postfix keeps them 2 s). */
    static final Duration MAX_IDLE = Duration.ofSeconds(5);
    private static final Duration ASK_NOOP_AFTER = Duration.ofSeconds(1);

    private final UpstreamSettings settings;
    private final Session session;
    private final int maxIdle;
    private final Clock clock;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    /** One connection per {@link #deliver}, none kept. */
    public SmtpUpstream(UpstreamSettings settings) {
        this(settings, 0, Clock.systemUTC());
    }

    /**
     * @param maxIdle connections kept open for reuse (0: one connection per {@link #deliver})
     * @param clock   times how long a connection has been idle
     */
    public SmtpUpstream(UpstreamSettings settings, int maxIdle, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Properties properties = properties(settings);
        properties.put("mail." + PROTOCOL + ".executor.writetimeout", writeTimeouts());
        this.session = Session.getInstance(properties);
        this.maxIdle = maxIdle;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private record Idle(SMTPTransport transport, Instant since) {
    }

    /**
     * The timer of every connection's write timeout. Angus makes a thread per connection for it unless given one
     * ({@code mail.smtp.executor.writetimeout}), and that thread woke at every write: a quarter of a context switch per
     * message for each of the sixteen pooled connections (docs/benchmarks.md). One daemon thread, started on the first
     * write and ended after a minute without one; a write's timer is removed from the queue when the write returns,
     * so the thread sleeps until the earliest write still going could time out.
     */
    private static ScheduledThreadPoolExecutor writeTimeouts() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "upstream-write-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    static Properties properties(UpstreamSettings s) {
        Properties p = new Properties();
        String prefix = "mail." + PROTOCOL + ".";
        p.setProperty(prefix + "host", s.host());
        p.setProperty(prefix + "port", Integer.toString(s.port()));
        p.setProperty(prefix + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty(prefix + "timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty(prefix + "writetimeout", Long.toString(s.writeTimeout().toMillis()));
        p.setProperty(prefix + "sendpartial", "true");
        p.setProperty(prefix + "reportsuccess", "true");
        p.setProperty(prefix + "auth", Boolean.toString(s.username().isPresent()));
        s.localHostName().ifPresent(name -> p.setProperty(prefix + "localhost", name));
        p.put(prefix + "socketFactory", NoDelaySockets.INSTANCE); // plain sockets, STARTTLS upgrades them
        switch (s.tls()) {
            case STARTTLS -> {
                p.setProperty(prefix + "starttls.enable", "true");
                p.setProperty(prefix + "starttls.required", "true");
            }
            case IMPLICIT -> p.setProperty(prefix + "ssl.enable", "true");
            case NONE -> {
                // plain
            }
        }
        if (s.tls() != UpstreamSettings.Tls.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
            s.sslSocketFactory().ifPresent(f -> p.put(prefix + "ssl.socketFactory", f));
        }
        return p;
    }

    /** {@link StreamedMessage} calls the content's {@code ready} before Angus sends the final dot. */
    @Override
    public boolean withholdsEndOfData() {
        return true;
    }

    @Override
    public DeliveryReport deliver(OutboundMessage message) {
        InternetAddress[] addresses = envelopeRecipients(message.recipients());
        SMTPTransport transport = null;
        DeliveryReport report;
        try {
            transport = reusable();
            if (transport == null) {
                transport = connect();
            }
            boolean eightBit = message.eightBitMime() && transport.supportsExtension("8BITMIME");
            if (message.eightBitMime() && !eightBit) {
                LOG.warn("{}: upstream {} does not offer 8BITMIME; sending the 8-bit message unchanged without BODY=8BITMIME",
                        message.queueId(), settings.hostAndPort());
            }
            transport.sendMessage(new StreamedMessage(session, message, eightBit ? "BODY=8BITMIME" : null), addresses);
            report = SendOutcomes.allRelayed(message, SmtpReply.of(transport.getLastReturnCode(),
                    transport.getLastServerResponse()));
        } catch (MessagingException e) {
            LOG.debug("{}: upstream {} reported", message.queueId(), settings.hostAndPort(), e);
            report = SendOutcomes.fromException(message, addresses, e, settings.hostAndPort());
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure while relaying to {}", message.queueId(), settings.hostAndPort(), e);
            report = SendOutcomes.uniform(message, Outcome.TEMPORARY_FAILURE,
                    LocalFailure.describe(e, settings.hostAndPort()));
        }
        if (report.results().stream().allMatch(r -> r.outcome() == Outcome.RELAYED)) {
            giveBack(transport);
        } else {
            closeQuietly(transport);
        }
        log(message, report);
        return report;
    }

    private SMTPTransport connect() throws MessagingException {
        SMTPTransport transport = new UpstreamTransport(session, PROTOCOL);
        try {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            if (settings.username().isPresent() && !transport.supportsExtension("AUTH")
                    && !transport.supportsExtension("AUTH=LOGIN")) {
                throw new LocalFailure.AuthNotOffered();
            }
            return transport;
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
    }

    /** The most recently used idle connection that still answers, or null. */
    private SMTPTransport reusable() {
        while (true) {
            Idle candidate;
            synchronized (idle) {
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                return null;
            }
            Duration age = Duration.between(candidate.since(), clock.instant());
            boolean fresh = !age.isNegative() && age.compareTo(ASK_NOOP_AFTER) < 0; // a clock set back: ask NOOP
            if (age.compareTo(MAX_IDLE) < 0 && (fresh || candidate.transport().isConnected())) {
                return candidate.transport();
            }
            closeQuietly(candidate.transport());
        }
    }

    private void giveBack(SMTPTransport transport) {
        if (transport == null) {
            return;
        }
        synchronized (idle) {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(new Idle(transport, clock.instant()));
                return;
            }
        }
        closeQuietly(transport);
    }

    /** Sends QUIT on the idle connections; deliveries after this use one connection each. */
    @Override
    public void close() {
        List<Idle> open;
        synchronized (idle) {
            closed = true;
            open = List.copyOf(idle);
            idle.clear();
        }
        open.forEach(i -> closeQuietly(i.transport()));
    }

    /** Addresses built from canonical parts without parsing: the string goes upstream as {@code <local@domain>}. */
    private static InternetAddress[] envelopeRecipients(List<MailAddress> recipients) {
        InternetAddress[] addresses = new InternetAddress[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            InternetAddress a = new InternetAddress();
            a.setAddress(recipients.get(i).toString());
            addresses[i] = a;
        }
        return addresses;
    }

    private void closeQuietly(SMTPTransport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing the connection to {} failed", settings.hostAndPort(), e);
        }
    }

    private void log(OutboundMessage message, DeliveryReport report) {
        for (RecipientResult r : report.results()) {
            if (r.outcome() == Outcome.RELAYED) {
                LOG.info("{}: to=<{}> relay={} status=relayed ({})", message.queueId(), r.recipient(),
                        settings.hostAndPort(), r.reply());
            } else {
                LOG.warn("{}: to=<{}> relay={} status={} ({})", message.queueId(), r.recipient(),
                        settings.hostAndPort(), r.outcome() == Outcome.PERMANENT_FAILURE ? "bounced" : "deferred",
                        r.reply());
            }
        }
    }

    @Override
    public String toString() {
        return "SmtpUpstream[" + settings + "]";
    }
}
