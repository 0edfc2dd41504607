package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.security.DirectoryAccounts;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.delivery.OutboxUpstream;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.delivery.SmtpUpstream;
import com.misdeliveryguard.smtp.delivery.Upstream;
import com.misdeliveryguard.smtp.delivery.UpstreamSettings;
import com.misdeliveryguard.smtp.listener.CidrBlock;
import com.misdeliveryguard.smtp.listener.CommitGate;
import com.misdeliveryguard.smtp.listener.ListenerSettings;
import com.misdeliveryguard.smtp.listener.SenderOwnership;
import com.misdeliveryguard.smtp.listener.SmtpAuthenticator;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.queue.BounceComposer;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.queue.GuardIntake;
import com.misdeliveryguard.smtp.queue.IntakeRecords;
import com.misdeliveryguard.smtp.queue.MessageVariants;
import com.misdeliveryguard.smtp.queue.RelayEvents;
import com.misdeliveryguard.smtp.queue.TraceHeader;
import com.misdeliveryguard.smtp.queue.VerdictReview;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.RepairLog;
import com.misdeliveryguard.smtp.spool.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the relay path: spool → listener → {@link GuardIntake} (the {@link Guard} seam) → delivery
 * queue → upstream. The {@link Guard} bean is the rule engine ({@code app.policy}); other features
 * listen through {@link RelayEvents}.
 */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RelayConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    Durability durability() {
        return Durability.FSYNC;
    }

    @Bean
    Spool spool(GuardProperties guard, Clock clock, Durability durability) throws IOException {
        return Spool.open(guard.dataDir().resolve("spool"), clock, durability);
    }

    @Bean
    MessageFactsParser messageFactsParser() {
        return new MessageFactsParser(MessageFactsParser.Limits.defaults());
    }

    @Bean
    Upstream upstream(UpstreamProperties upstream, GuardProperties guard, SslBundles ssl, DeliveryProperties delivery,
            Clock clock) {
        if (upstream.demoMode()) {
            log.warn("guard.upstream.host is not set: DEMO MODE. Delivered mail is written to {} and goes nowhere "
                    + "else. Set guard.upstream.host to relay to your mail server.", guard.dataDir().resolve("outbox"));
            return new OutboxUpstream(guard.dataDir().resolve("outbox"));
        }
        UpstreamSettings.Tls tls;
        try {
            tls = UpstreamSettings.Tls.valueOf(upstream.tls().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guard.upstream.tls must be none, starttls or implicit, not '"
                    + upstream.tls() + "'", e);
        }
        UpstreamSettings.Builder settings = UpstreamSettings.builder(upstream.host(), upstream.port()).tls(tls)
                .connectTimeout(upstream.connectTimeout()).readTimeout(upstream.readTimeout())
                .writeTimeout(upstream.writeTimeout()).localHostName(guard.hostName());
        if (upstream.username() != null) {
            settings.credentials(upstream.username(), upstream.password());
        }
        // one idle connection per delivery worker is kept for the next message (ADR 0014)
        return new SmtpUpstream(settings.build(), delivery.workers(), clock);
    }

    @Bean
    RelayMetrics relayMetrics(MeterRegistry registry, Spool spool) {
        return new RelayMetrics(registry, spool);
    }

    /** Every {@link RelayEvents} bean (metrics, decision log, …) hears every event. */
    private static RelayEvents allListeners(List<RelayEvents> listeners) {
        return RelayEvents.all(listeners);
    }

    @Bean
    DeliveryQueue deliveryQueue(Spool spool, Upstream upstream, DeliveryProperties delivery, GuardProperties guard,
            List<RelayEvents> listeners, Clock clock, ObjectProvider<MessageVariants> variants) {
        RetrySchedule retry = new RetrySchedule(delivery.minimalBackoff(), delivery.maximalBackoff(),
                delivery.maximalLifetime());
        return new DeliveryQueue(spool, upstream, retry, TraceHeader.rfc5321(guard.hostName()),
                BounceComposer.rfc3464(guard.hostName(), clock),
                allListeners(listeners), clock, delivery.workers(), delivery.drainTime(),
                variants.getIfAvailable(() -> MessageVariants.ORIGINAL));
    }

    /**
     * The intake commits every {@link IntakeRecords} bean (hold record, decision-log entries) in one
     * transaction before the 250 (ADR 0005).
     */
    @Bean
    GuardIntake guardIntake(Spool spool, MessageFactsParser parser, Guard guard, DeliveryQueue queue,
            List<RelayEvents> listeners, List<IntakeRecords> records, PlatformTransactionManager transactions,
            MeterRegistry registry, ObjectProvider<VerdictReview> review) {
        return new GuardIntake(spool, parser, guard, queue, allListeners(listeners),
                new TransactionalIntakeRecords(records, new TransactionTemplate(transactions), registry),
                review.getIfAvailable(() -> VerdictReview.NONE));
    }

    @Bean
    SmtpListener smtpListener(SmtpProperties smtp, GuardProperties guard, Spool spool, GuardIntake intake,
            Clock clock, SslBundles ssl, CommitGate commitGate, ObjectProvider<DirectoryAccounts> directory)
            throws UnknownHostException {
        ListenerSettings.Builder settings = ListenerSettings.builder()
                .bind(InetAddress.getByName(smtp.bind())).port(smtp.port()).hostName(guard.hostName())
                .maxMessageSize(smtp.maxMessageSize().toBytes()).maxRecipients(smtp.maxRecipients())
                .maxConnections(smtp.maxConnections(), smtp.maxConnectionsPerClient())
                .readTimeout(smtp.readTimeout()).commandDeadline(smtp.commandDeadline())
                .dataLimits(smtp.dataDeadline(), smtp.minDataRate())
                .trustedNetworks(smtp.trustedNetworks().stream().map(CidrBlock::parse).toList())
                .commitGate(commitGate);
        if (smtp.tls().bundle() != null) {
            settings.tls(ssl.getBundle(smtp.tls().bundle()).createSslContext(), smtp.tls().require());
        }
        List<SmtpProperties.User> users = smtp.auth().users();
        DirectoryAccounts accounts = directory.getIfAvailable();
        if (accounts != null) {
            // SMTP AUTH by the company directory (guard.security.ldap.*) after the configured users
            SmtpAuthenticator configured = users.isEmpty() ? null : new BcryptAuthenticator(users);
            settings.auth(new DirectoryAuthenticator(Optional.ofNullable(configured), accounts),
                    smtp.auth().required(), smtp.auth().allowPlainOnLoopback());
            settings.senderOwnership(smtp.auth().enforceSenderOwnership()
                    ? DirectoryAuthenticator.ownership(new ConfiguredSenderOwnership(users), accounts)
                    : SenderOwnership.ANY);
        } else if (!users.isEmpty()) {
            settings.auth(new BcryptAuthenticator(users), smtp.auth().required(), smtp.auth().allowPlainOnLoopback());
            settings.senderOwnership(smtp.auth().enforceSenderOwnership() ? new ConfiguredSenderOwnership(users)
                    : SenderOwnership.ANY);
        }
        return new SmtpListener(settings.build(), spool, intake, clock);
    }

    @Bean
    RepairLog spoolRepairs(MeterRegistry registry) {
        return new SpoolRepairs(registry);
    }

    @Bean
    RelayLifecycle relayLifecycle(Spool spool, DeliveryQueue queue, GuardIntake intake, SmtpListener listener,
            DeliveryProperties delivery, RepairLog repairs, Clock clock) {
        return new RelayLifecycle(spool, queue, intake, listener, delivery.queueRunInterval(), repairs, clock);
    }
}
