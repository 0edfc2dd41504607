package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.time.Clock;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Thread domains in the database (table {@code guard_thread_domain}, migration V500), so that
 * {@code new-domain-in-reply} knows the domains of messages seen before a restart and on other
 * instances. Message ids are capped at 250 characters; longer ones are not remembered.
 */
final class JdbcThreadHistory implements ThreadHistory {

    private static final int MAX_ID = 250;
    private static final int MAX_LOOKUP = 100;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    JdbcThreadHistory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    @Override
    public void record(String messageId, Set<DomainName> domains) {
        if (messageId == null || messageId.isEmpty() || messageId.length() > MAX_ID) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (DomainName domain : domains) {
            try {
                jdbc.update("INSERT INTO guard_thread_domain (message_id, domain, recorded_at) VALUES (?, ?, ?)",
                        messageId, domain.ascii(), now);
            } catch (DuplicateKeyException alreadyKnown) {
                // the same message checked again (re-check after a restart): nothing new
            }
        }
    }

    @Override
    public Set<DomainName> domainsOf(Collection<String> messageIds) {
        List<String> ids = new ArrayList<>(messageIds.stream().filter(id -> id.length() <= MAX_ID).distinct()
                .limit(MAX_LOOKUP).toList());
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<DomainName> domains = new HashSet<>();
        named.query("SELECT domain FROM guard_thread_domain WHERE message_id IN (:ids)",
                java.util.Map.of("ids", ids), row -> {
                    domains.add(DomainName.of(row.getString(1)));
                });
        return domains;
    }
}
