package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.ConfirmProperties;
import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.DecisionTrail;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.relay.SmtpProperties;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The helpers of the confirmation pages' controllers (present with or without a web server). */
@Configuration(proxyBeanMethods = false)
class ConfirmPagesConfiguration {

    @Bean
    LinkAccess linkAccess(ConfirmationTokens tokens, HoldQueries queries, Clock clock) {
        return new LinkAccess(tokens, queries, clock);
    }

    @Bean
    ConfirmViews confirmViews(HoldQueries queries) {
        return new ConfirmViews(queries);
    }

    @Bean
    PageLanguage pageLanguage(ConfirmProperties confirm) {
        return new PageLanguage(confirm);
    }

    @Bean
    RequestDecisions requestDecisions(HoldQueries queries, HoldStore store, DirectoryImporter importer,
            DecisionTrail trail, Clock clock) {
        return new RequestDecisions(queries, store, importer, trail, clock);
    }

    @Bean
    SenderUsers senderUsers(SmtpProperties smtp) {
        return new SenderUsers(smtp.auth().users());
    }
}
