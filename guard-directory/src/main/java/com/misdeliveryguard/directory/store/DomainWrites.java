package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.DomainKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the known-domain table and its lookalike keys in step with what a chunk of entries uses.
 *
 * <p>Ownership: a {@linkplain #declare declared} owner (an {@code @domain} row) always wins; a
 * contact's organization becomes the owner of the contact's domain only while the domain has no
 * owner and is not a free-mail domain (the caller passes {@code null} then).
 */
final class DomainWrites {

    /** What a declaration did. */
    enum Outcome { ADDED, UPDATED, UNCHANGED }

    private record Use(Long organizationId, boolean declared) {
    }

    private record Stored(Long organizationId, boolean declared) {
    }

    private final Connection connection;
    private final Map<String, Use> pending = new LinkedHashMap<>();

    DomainWrites(Connection connection) {
        this.connection = connection;
    }

    /** A contact is at the domain; {@code candidateOwner} is its organization, or null. */
    void use(String domain, Long candidateOwner) {
        Use current = pending.get(domain);
        if (current == null || (!current.declared() && current.organizationId() == null)) {
            pending.put(domain, new Use(candidateOwner, false));
        }
    }

    /** An organization declares that it owns the domain. */
    void declare(String domain, long owner) {
        pending.put(domain, new Use(owner, true));
    }

    /** Writes the pending uses; returns what each declaration did. */
    Map<String, Outcome> flush(Instant now) throws SQLException {
        if (pending.isEmpty()) {
            return Map.of();
        }
        List<String> domains = List.copyOf(pending.keySet());
        Map<String, Stored> stored = new HashMap<>();
        Sql.list(connection, "SELECT domain, organization_id, declared FROM dir_domain WHERE domain IN ("
                        + Sql.placeholders(domains.size()) + ")", statement -> Sql.bindAll(statement, 1, domains),
                row -> stored.put(row.getString(1),
                        new Stored(Sql.getNullableLong(row, "organization_id"), row.getBoolean(3))));
        Map<String, Outcome> outcomes = new HashMap<>();
        List<String> inserts = new ArrayList<>();
        Map<String, Use> updates = new LinkedHashMap<>();
        for (Map.Entry<String, Use> entry : pending.entrySet()) {
            String domain = entry.getKey();
            Use use = entry.getValue();
            Stored before = stored.get(domain);
            Outcome outcome;
            if (before == null) {
                inserts.add(domain);
                outcome = Outcome.ADDED;
            } else if (use.declared() && (!before.declared() || !Objects.equals(before.organizationId(),
                    use.organizationId()))) {
                updates.put(domain, use);
                outcome = before.organizationId() == null ? Outcome.ADDED
                        : Objects.equals(before.organizationId(), use.organizationId()) ? Outcome.UNCHANGED
                        : Outcome.UPDATED;
            } else if (!use.declared() && before.organizationId() == null && use.organizationId() != null) {
                updates.put(domain, use);
                outcome = Outcome.UPDATED;
            } else {
                outcome = Outcome.UNCHANGED;
            }
            if (use.declared()) {
                outcomes.put(domain, outcome);
            }
        }
        insert(inserts, now);
        update(updates, now);
        pending.clear();
        return outcomes;
    }

    private void insert(List<String> domains, Instant now) throws SQLException {
        if (domains.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dir_domain (domain, organization_id, declared, updated_at) VALUES (?, ?, ?, ?)");
                PreparedStatement key = connection.prepareStatement(
                        "INSERT INTO dir_domain_key (lookalike_key, domain) VALUES (?, ?)")) {
            for (String domain : domains) {
                Use use = pending.get(domain);
                insert.setString(1, domain);
                Sql.setNullableLong(insert, 2, use.organizationId());
                insert.setBoolean(3, use.declared());
                Sql.setInstant(insert, 4, now);
                insert.addBatch();
                for (String lookalikeKey : DomainKeys.keysOf(domain)) {
                    key.setString(1, lookalikeKey);
                    key.setString(2, domain);
                    key.addBatch();
                }
            }
            insert.executeBatch();
            key.executeBatch();
        }
    }

    private void update(Map<String, Use> updates, Instant now) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE dir_domain SET organization_id = ?, declared = ?, updated_at = ? WHERE domain = ?")) {
            for (Map.Entry<String, Use> entry : updates.entrySet()) {
                Sql.setNullableLong(update, 1, entry.getValue().organizationId());
                update.setBoolean(2, entry.getValue().declared());
                Sql.setInstant(update, 3, now);
                update.setString(4, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
