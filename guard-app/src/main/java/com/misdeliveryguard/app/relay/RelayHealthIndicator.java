package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import java.nio.file.Files;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code relay} health: the listener is accepting and the spool is writable. */
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
        boolean writable = Files.isWritable(spool.root().resolve(QueueState.INCOMING.directory()));
        builder.status(listener.isRunning() && writable ? "UP" : "DOWN")
                .withDetail("smtpPort", listener.isRunning() ? listener.port() : -1)
                .withDetail("spoolWritable", writable);
        for (QueueState state : QueueState.values()) {
            builder.withDetail(state.directory(), spool.count(state));
        }
    }
}
