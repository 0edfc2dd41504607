package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays to the configured smart host with Jakarta Mail (Angus), one connection per
 * {@link #deliver} call.
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
 *   <li>DATA is the trace header followed by the stored bytes, streamed;</li>
 *   <li>connect, read and write timeouts are always set; STARTTLS is required when configured and the
 *       server identity is checked for every TLS mode; configured credentials that cannot be used are
 *       a failure, never an unauthenticated send.</li>
 * </ul>
 * One refused recipient does not fail the others ({@code mail.smtp.sendpartial}); the mapping of
 * replies to results is described in {@link SendOutcomes}. Thread-safe.
 */
public final class SmtpUpstream implements Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpUpstream.class);
    private static final String PROTOCOL = "smtp";

    private final UpstreamSettings settings;
    private final Session session;

    public SmtpUpstream(UpstreamSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = Session.getInstance(properties(settings));
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

    @Override
    public DeliveryReport deliver(OutboundMessage message) {
        InternetAddress[] addresses = envelopeRecipients(message.recipients());
        SMTPTransport transport = null;
        DeliveryReport report;
        try {
            transport = (SMTPTransport) session.getTransport(PROTOCOL);
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            if (settings.username().isPresent() && !transport.supportsExtension("AUTH")
                    && !transport.supportsExtension("AUTH=LOGIN")) {
                throw new LocalFailure.AuthNotOffered();
            }
            boolean eightBit = message.eightBitMime() && transport.supportsExtension("8BITMIME");
            if (message.eightBitMime() && !eightBit) {
                LOG.warn("{}: upstream {} does not offer 8BITMIME; sending the 8-bit message unchanged without BODY=8BITMIME",
                        message.queueId(), settings.hostAndPort());
            }
            transport.sendMessage(new StreamedMessage(session, message, eightBit ? "BODY=8BITMIME" : null), addresses);
            report = SendOutcomes.allRelayed(message, SmtpReply.of(transport.getLastReturnCode(),
                    transport.getLastServerResponse()));
        } catch (NoSuchProviderException e) {
            LOG.error("{}: Jakarta Mail has no SMTP provider", message.queueId(), e);
            report = SendOutcomes.uniform(message, Outcome.TEMPORARY_FAILURE, "451 4.3.0 local error: no SMTP provider");
        } catch (MessagingException e) {
            LOG.debug("{}: upstream {} reported", message.queueId(), settings.hostAndPort(), e);
            report = SendOutcomes.fromException(message, addresses, e, settings.hostAndPort());
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure while relaying to {}", message.queueId(), settings.hostAndPort(), e);
            report = SendOutcomes.uniform(message, Outcome.TEMPORARY_FAILURE,
                    LocalFailure.describe(e, settings.hostAndPort()));
        } finally {
            closeQuietly(transport);
        }
        log(message, report);
        return report;
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
