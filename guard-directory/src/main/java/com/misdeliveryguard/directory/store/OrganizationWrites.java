package com.misdeliveryguard.directory.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.misdeliveryguard.core.directory.OrganizationName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds or creates organizations by name key within one write transaction. An existing
 * organization keeps the name it was created with: {@code ㈱あおば商事} in a later row does not
 * rename {@code 株式会社あおば商事}, so re-importing a file never flips names back and forth.
 */
final class OrganizationWrites {

    /** Ids resolved in this transaction; bounded so that 100,000 organizations do not all stay in the heap. */
    private final Cache<String, Long> ids = Caffeine.newBuilder().maximumSize(20_000).build();
    private final Connection connection;

    OrganizationWrites(Connection connection) {
        this.connection = connection;
    }

    /** The id of each name's organization, by name key; creates the missing ones. */
    Map<String, Long> resolve(Collection<OrganizationName> names, Instant now) throws SQLException {
        Map<String, Long> resolved = new HashMap<>();
        Map<String, OrganizationName> missing = new LinkedHashMap<>();
        for (OrganizationName name : names) {
            Long id = ids.getIfPresent(name.key());
            if (id != null) {
                resolved.put(name.key(), id);
            } else {
                missing.putIfAbsent(name.key(), name);
            }
        }
        if (missing.isEmpty()) {
            return resolved;
        }
        Map<String, Long> found = select(missing.keySet());
        List<OrganizationName> toCreate = new ArrayList<>();
        for (OrganizationName name : missing.values()) {
            if (!found.containsKey(name.key())) {
                toCreate.add(name);
            }
        }
        if (!toCreate.isEmpty()) {
            insert(toCreate, now);
            found.putAll(select(toCreate.stream().map(OrganizationName::key).toList()));
        }
        ids.putAll(found);
        resolved.putAll(found);
        return resolved;
    }

    private Map<String, Long> select(Collection<String> keys) throws SQLException {
        List<String> list = List.copyOf(keys);
        Map<String, Long> found = new HashMap<>();
        Sql.list(connection, "SELECT name_key, id FROM dir_organization WHERE name_key IN ("
                        + Sql.placeholders(list.size()) + ")", statement -> Sql.bindAll(statement, 1, list),
                row -> found.put(row.getString(1), row.getLong(2)));
        return found;
    }

    private void insert(List<OrganizationName> names, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO dir_organization (name, name_key, created_at) VALUES (?, ?, ?)")) {
            for (OrganizationName name : names) {
                insert.setString(1, name.display());
                insert.setString(2, name.key());
                Sql.setInstant(insert, 3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
