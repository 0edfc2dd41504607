package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.cluster.coherence.TransactionLocks;
import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HeldContent;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.notify.Links;
import com.misdeliveryguard.app.confirm.notify.NotificationComposer;
import com.misdeliveryguard.app.confirm.notify.Notifier;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.app.relay.SmtpProperties;
import com.misdeliveryguard.core.audit.DecisionLog;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.queue.DeliveryQueue;
import com.misdeliveryguard.smtp.queue.GuardIntake;
import com.misdeliveryguard.smtp.spool.RepairLog;
import com.misdeliveryguard.smtp.spool.Spool;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires holding and confirming: the hold records and links in the database, the notifications
 * queued through the relay, the decisions and the scheduler, and the listener that hears every
 * HOLD/DELAY verdict ({@link HoldRecorder}, a {@link com.misdeliveryguard.smtp.queue.RelayEvents} bean).
 * The web side is in {@code confirm.web}.
 */
@Configuration(proxyBeanMethods = false)
class ConfirmConfiguration {

    @Bean
    HoldStore holdStore(DataSource dataSource, PlatformTransactionManager transactions) {
        return new HoldStore(new JdbcTemplate(dataSource), new TransactionTemplate(transactions));
    }

    @Bean
    HoldQueries holdQueries(DataSource dataSource) {
        return new HoldQueries(new JdbcTemplate(dataSource));
    }

    @Bean
    ConfirmationTokens confirmationTokens(DataSource dataSource, Clock clock) {
        return new ConfirmationTokens(new JdbcTemplate(dataSource), clock);
    }

    @Bean
    DecisionTrail decisionTrail(ObjectProvider<DecisionLog> decisionLog) {
        return new DecisionTrail(Optional.ofNullable(decisionLog.getIfUnique()));
    }

    @Bean
    SenderDepartments senderDepartments(ContactDirectory directory) {
        return new SenderDepartments(directory);
    }

    @Bean
    Links confirmationLinks(GuardProperties guard) {
        return Links.of(guard.publicUrl());
    }

    @Bean
    Notifier notifier(ConfirmationTokens tokens, ConfirmProperties confirm, GuardProperties guard,
            DeliveryQueue queue, DecisionTrail trail, Links links, Clock clock) {
        String from = confirm.notificationFrom() != null ? confirm.notificationFrom()
                : "postmaster@" + guard.hostName();
        NotificationComposer composer = new NotificationComposer(Texts.of(confirm.firstLocale(),
                confirm.timeZone()), from, guard.hostName(), clock);
        return new Notifier(tokens, composer, queue, trail, links);
    }

    @Bean
    HeldContent heldContent(DataSource dataSource, PlatformTransactionManager transactions) {
        return new HeldContent(new JdbcTemplate(dataSource), transactions);
    }

    @Bean
    SpoolActions spoolActions(Spool spool, DeliveryQueue queue, HeldContent content, HoldStore store)
            throws IOException {
        return new SpoolActions(spool, queue, content, store, SpoolName.of(spool));
    }

    @Bean
    Approvers approvers(ConfirmProperties confirm) {
        return new Approvers(confirm);
    }

    @Bean
    Expiry expiry(HoldStore store, SpoolActions spool, PlatformTransactionManager transactions, Notifier notifier,
            DecisionTrail trail, SenderDepartments departments, ConfirmProperties confirm, Clock clock) {
        return new Expiry(store, spool, new TransactionTemplate(transactions), notifier, trail, departments,
                confirm.expiryAction() == ConfirmProperties.ExpiryAction.DELIVER, clock);
    }

    @Bean
    Decisions decisions(HoldStore store, ConfirmationTokens tokens, SpoolActions spool,
            PlatformTransactionManager transactions, Notifier notifier, DecisionTrail trail, SenderDepartments departments,
            LearnedRecipients learned, Guard guard, MessageFactsParser parser, ContactDirectory directory,
            Approvers approvers, ConfirmProperties confirm, Clock clock) {
        Learning learning = new Learning(Optional.of(learned), confirm.learnRecipients());
        return new Decisions(store, tokens, spool, new TransactionTemplate(transactions), notifier, trail, departments,
                learning, new Corrections(guard, parser, directory), approvers, confirm.automatedWithin(), clock);
    }

    @Bean
    AdminDecisions adminDecisions(HoldQueries queries, HoldStore store, SpoolActions spool,
            PlatformTransactionManager transactions, DecisionTrail trail, Clock clock) {
        return new AdminDecisions(queries, store, spool, new TransactionTemplate(transactions), trail, clock);
    }

    @Bean(destroyMethod = "close")
    HoldScheduler holdScheduler(HoldQueries queries, HoldStore store, Notifier notifier, Expiry expiry,
            SpoolActions spool, Approvers approvers, ConfirmProperties confirm, PlatformTransactionManager transactions,
            Spool spoolDirectories, GuardIntake intake, DecisionTrail trail, RepairLog repairs, TransactionLocks locks,
            HeldContent content, Clock clock) {
        HoldReconciliation reconciliation = new HoldReconciliation(spoolDirectories, intake, queries, spool, expiry,
                trail, repairs, content, new TransactionTemplate(transactions), clock);
        return new HoldScheduler(queries, store, notifier, expiry, spool, approvers,
                new NoticeBudget(queries, store, locks, confirm.maxNotificationsPerHour(), clock), confirm.reminder(),
                new TransactionTemplate(transactions), reconciliation, clock);
    }

    /**
     * The scheduler starts when the application is ready: the relay has recovered the spool (so its
     * first tick, which reconciles hold/ with the records, sees every state as a crash left it).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> holdSchedulerStart(HoldScheduler scheduler, ConfirmProperties confirm) {
        return event -> scheduler.start(confirm.tickInterval());
    }

    @Bean
    HoldRecorder holdRecorder(ConfirmProperties confirm, SmtpProperties smtp, HoldStore store, HoldQueries queries,
            TransactionLocks locks, ObjectProvider<HoldScheduler> scheduler, Clock clock, Spool spool,
            HeldContent content) {
        return new HoldRecorder(new HoldFactory(confirm, new NotifyAddress(smtp.auth().users())), store, queries,
                locks, confirm.maxOpenHoldsPerSender(), scheduler, clock, spool, content);
    }
}
