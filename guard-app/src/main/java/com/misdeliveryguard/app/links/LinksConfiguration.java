package com.misdeliveryguard.app.links;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.relay.SmtpProperties;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.queue.MessageVariants;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires attachments as links (SPEC §6a): the {@link MessageVariants} the delivery queue consults, the
 * check-time {@link LinkRequests} listener, the encrypted {@link FileVault}, downloads, incidents,
 * receipts and the purge. Mails the guard writes go through the delivery queue (looked up lazily: the
 * queue itself depends on the variants).
 */
@Configuration(proxyBeanMethods = false)
class LinksConfiguration {

    /** Wraps every {@link Guard} so that {@code signed: hold} holds signed mail that links would alter. */
    @Bean
    static BeanPostProcessor signedMailHold(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof Guard guard) || bean instanceof SignedMailGuard) {
                    return bean;
                }
                LinksProperties links = Binder.get(environment).bind("guard.attachments.links", LinksProperties.class)
                        .orElseGet(() -> new LinksProperties(false, null, null, null, null, null, null, null, null));
                return links.holdSigned() ? new SignedMailGuard(guard, links) : bean;
            }
        };
    }

    @Bean
    LinkKeys linkKeys(LinksProperties links, GuardProperties guard) {
        return LinkKeys.load(links.key(), guard.dataDir().resolve("links").resolve("files.key"));
    }

    @Bean
    LinkStore linkStore(DataSource dataSource) {
        return new LinkStore(new JdbcTemplate(dataSource));
    }

    @Bean
    FileVault fileVault(DataSource dataSource, LinkKeys keys) {
        return new FileVault(new JdbcTemplate(dataSource), keys);
    }

    @Bean
    LinkJournal linkJournal(ObjectProvider<DecisionLog> decisionLog, MeterRegistry registry) {
        return new LinkJournal(Optional.ofNullable(decisionLog.getIfUnique()), registry);
    }

    @Bean
    People people(ObjectProvider<ContactDirectory> directory) {
        return new People(directory.getObject());
    }

    @Bean
    GeneratedMail generatedMail(ObjectProvider<DeliveryQueue> queue, GuardProperties guard) {
        ReversePath postmaster;
        try {
            postmaster = ReversePath.of(MailAddress.parse("postmaster@" + guard.hostName()));
        } catch (InvalidAddressException notQualified) {
            postmaster = ReversePath.NULL; // guard.host-name is not fully qualified (demo): the null sender
        }
        ReversePath sender = postmaster;
        return (message, to) -> queue.getObject().sendGenerated(message, to, sender);
    }

    @Bean
    PlainMail linkMail(GuardProperties guard, Clock clock) {
        return new PlainMail("postmaster@" + guard.hostName(), guard.hostName(), clock);
    }

    @Bean
    Receipts receipts(LinkStore store, LinkKeys keys, PlainMail mail, GeneratedMail queue, People people,
            GuardProperties guard, LinksProperties links) {
        return new Receipts(store, keys, mail, queue, people, base(guard), links.timeZone());
    }

    @Bean
    MessageVariants linkedVariants(LinkStore store, FileVault vault, LinkKeys keys, LinksProperties links,
            InternalDomains internal, MessageFactsParser parser, PlatformTransactionManager transactions,
            LinkJournal journal, Receipts receipts, GuardProperties guard, Clock clock) {
        return new LinkedVariants(store, vault, keys, links, internal, parser, new TransactionTemplate(transactions),
                journal, receipts, guard.dataDir().resolve("links").resolve("tmp"), base(guard), clock);
    }

    @Bean
    LinkRequests linkRequests(LinkStore store, LinksProperties links, ObjectProvider<Policy> policy, Clock clock) {
        return new LinkRequests(store, links, Optional.ofNullable(policy.getIfUnique()), clock);
    }

    @Bean
    Downloads downloads(LinkStore store, FileVault vault, PlatformTransactionManager transactions, LinkJournal journal,
            Clock clock) {
        return new Downloads(store, vault, new TransactionTemplate(transactions), journal, clock);
    }

    @Bean
    Incidents incidents(DataSource dataSource, LinkStore store, PlatformTransactionManager transactions,
            LinkJournal journal, People people, PlainMail mail, GeneratedMail queue, IncidentsProperties incidents,
            GuardProperties guard, LinksProperties links, Clock clock) {
        return new Incidents(new JdbcTemplate(dataSource), store, new TransactionTemplate(transactions), journal, people,
                mail, queue, incidents.getNotify(), base(guard), links.timeZone(), clock);
    }

    @Bean
    SentMail sentMail(LinkStore store, LinkKeys keys, SmtpProperties smtp) {
        return new SentMail(store, keys, smtp);
    }

    @Bean
    LinkPurge linkPurge(LinkStore store, FileVault vault, LinkJournal journal, LinksProperties links, Clock clock) {
        return new LinkPurge(store, vault, journal, links.purgeGrace(), clock);
    }

    private static String base(GuardProperties guard) {
        String url = guard.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
