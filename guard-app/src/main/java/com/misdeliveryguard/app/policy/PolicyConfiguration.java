package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RuleEngine;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rule engine is the relay's {@link Guard} (replacing the deliver-everything default). */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PolicyConfiguration.class);

    @Bean
    Policy policy(PolicyProperties properties) {
        Policy policy = properties.toPolicy();
        if (policy.mode() == Policy.Mode.SHADOW) {
            log.warn("guard.policy.mode=shadow: every message is DELIVERED; verdicts are only logged");
        }
        return policy;
    }

    @Bean
    ThreadHistory threadHistory(JdbcTemplate jdbc, Clock clock) {
        return new JdbcThreadHistory(jdbc, clock);
    }

    /** The relay's guard; {@code learned} is the application's one cached learned-recipient list. */
    @Bean
    Guard guard(ContactDirectory directory, LearnedRecipients learned, ThreadHistory threads, Policy policy,
            SenderHistory senders) {
        return RuleEngine.builder(directory).policy(policy).learnedRecipients(learned)
                .threadHistory(threads).senderHistory(senders).build();
    }
}
