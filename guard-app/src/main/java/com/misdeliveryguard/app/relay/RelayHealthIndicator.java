package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code relay} health, part of the readiness group: the listener is accepting (it opens only after
 * the directory start-up import); details: the number of messages per spool state. Whether the spool
 * can commit is the {@code storage} indicator's business.
 */
@Component("relay")
class RelayHealthIndicator extends AbstractHealthIndicator {

    private final SmtpListener listener;
    private final Spool spool;

    RelayHealthIndicator(SmtpListener listener, Spool spool) {
        this.listener = listener;
        this.spool = spool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.status(listener.isRunning() ? "UP" : "DOWN")
                .withDetail("smtpPort", listener.isRunning() ? listener.port() : -1);
        for (QueueState state : QueueState.values()) {
            builder.withDetail(state.directory(), spool.count(state));
        }
    }
}
