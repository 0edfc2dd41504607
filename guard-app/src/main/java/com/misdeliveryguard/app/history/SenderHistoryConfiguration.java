package com.misdeliveryguard.app.history;

import com.misdeliveryguard.app.cluster.coherence.CacheCoherence;
import com.misdeliveryguard.app.cluster.coherence.CacheCoherence.Topic;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.directory.history.CachedSenderHistory;
import com.misdeliveryguard.directory.history.JdbcSenderHistory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The sender history (ADR 0007): store, cache, and the relay listener that feeds it. */
@Configuration(proxyBeanMethods = false)
class SenderHistoryConfiguration {

    @Bean
    JdbcSenderHistory senderHistoryStore(DataSource dataSource, SenderHistoryProperties properties, Clock clock) {
        return new JdbcSenderHistory(dataSource, properties.perSender(), properties.retention(), clock);
    }

    /**
     * What the rules read (primary): the cached store, or {@link SenderHistory#NONE} when the history is off.
     * Each recorded delivery drops the sender's cached answer here and on the other instances (ADR 0013).
     */
    @Bean
    @Primary
    SenderHistory senderHistory(JdbcSenderHistory store, SenderHistoryProperties properties,
            CacheCoherence coherence) {
        if (!properties.enabled()) {
            return SenderHistory.NONE;
        }
        CachedSenderHistory cached = new CachedSenderHistory(store, key -> coherence.changed(Topic.SENDER_HISTORY,
                key));
        coherence.register(Topic.SENDER_HISTORY, cached::invalidate, cached::invalidateAll);
        return cached;
    }

    @Bean
    SenderHistoryRecorder senderHistoryRecorder(SenderHistory history, JdbcSenderHistory store, Clock clock) {
        return new SenderHistoryRecorder(history, store, clock);
    }
}
