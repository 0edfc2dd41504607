package com.misdeliveryguard.directory.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a chunk of contacts: one query reads what is stored for the chunk's addresses, then
 * batches insert the new contacts and update the changed ones. Unchanged contacts are not
 * written, so their {@code updated_at} stays.
 */
final class ContactWrites {

    /** What a chunk did. */
    record Counts(int added, int updated, int unchanged) {
    }

    private record Stored(long id, ContactRow row) {
    }

    private final Connection connection;

    ContactWrites(Connection connection) {
        this.connection = connection;
    }

    Counts write(Collection<ContactRow> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        Map<String, Stored> stored = stored(rows.stream().map(ContactRow::addressKey).toList());
        List<ContactRow> inserts = new ArrayList<>();
        Map<Long, ContactRow> updates = new HashMap<>();
        int unchanged = 0;
        for (ContactRow row : rows) {
            Stored before = stored.get(row.addressKey());
            if (before == null) {
                inserts.add(row);
            } else if (!before.row().equals(row)) {
                updates.put(before.id(), row);
            } else {
                unchanged++;
            }
        }
        Map<Long, ContactRow> inserted = insert(inserts, now);
        update(updates, now);
        Map<Long, ContactRow> aliasChanges = new HashMap<>(inserted);
        updates.forEach((id, row) -> {
            if (!stored.get(row.addressKey()).row().aliases().equals(row.aliases())) {
                aliasChanges.put(id, row);
            }
        });
        writeAliases(aliasChanges);
        return new Counts(inserts.size(), updates.size(), unchanged);
    }

    private Map<String, Stored> stored(List<String> keys) throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        Map<Long, String> keyById = new HashMap<>();
        Sql.list(connection, "SELECT id, " + ContactRow.COLUMNS + " FROM dir_contact WHERE address_key IN ("
                        + Sql.placeholders(keys.size()) + ")", statement -> Sql.bindAll(statement, 1, keys),
                row -> {
                    ContactRow contact = ContactRow.read(row);
                    stored.put(contact.addressKey(), new Stored(row.getLong("id"), contact));
                    return keyById.put(row.getLong("id"), contact.addressKey());
                });
        if (stored.isEmpty()) {
            return stored;
        }
        Map<Long, List<String>> aliases = new HashMap<>();
        List<Long> ids = List.copyOf(keyById.keySet());
        Sql.list(connection, "SELECT contact_id, alias FROM dir_contact_alias WHERE contact_id IN ("
                        + Sql.placeholders(ids.size()) + ")", statement -> Sql.bindAll(statement, 1, ids),
                row -> aliases.computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(row.getString(2)));
        aliases.forEach((id, list) -> {
            String key = keyById.get(id);
            Stored before = stored.get(key);
            stored.put(key, new Stored(id, before.row().withAliases(list)));
        });
        return stored;
    }

    private Map<Long, ContactRow> insert(List<ContactRow> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dir_contact ("
                + ContactRow.COLUMNS + ", updated_at) VALUES (" + Sql.placeholders(ContactRow.COLUMN_COUNT + 1) + ")")) {
            for (ContactRow row : rows) {
                row.bind(insert);
                Sql.setInstant(insert, ContactRow.COLUMN_COUNT + 1, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<Long, ContactRow> withAliases = new HashMap<>();
        List<ContactRow> needingIds = rows.stream().filter(row -> !row.aliases().isEmpty()).toList();
        if (!needingIds.isEmpty()) {
            Map<String, ContactRow> byKey = new HashMap<>();
            needingIds.forEach(row -> byKey.put(row.addressKey(), row));
            List<String> keys = List.copyOf(byKey.keySet());
            Sql.list(connection, "SELECT id, address_key FROM dir_contact WHERE address_key IN ("
                            + Sql.placeholders(keys.size()) + ")", statement -> Sql.bindAll(statement, 1, keys),
                    row -> withAliases.put(row.getLong(1), byKey.get(row.getString(2))));
        }
        return withAliases;
    }

    private void update(Map<Long, ContactRow> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String assignments = String.join(" = ?, ", ContactRow.COLUMNS.split(",\\s*")) + " = ?, updated_at = ?";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE dir_contact SET " + assignments + " WHERE id = ?")) {
            for (Map.Entry<Long, ContactRow> entry : rows.entrySet()) {
                entry.getValue().bind(update);
                Sql.setInstant(update, ContactRow.COLUMN_COUNT + 1, now);
                update.setLong(ContactRow.COLUMN_COUNT + 2, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Replaces the aliases of the contacts; an alias another contact had moves to this one. */
    private void writeAliases(Map<Long, ContactRow> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        try (PreparedStatement clear = connection.prepareStatement("DELETE FROM dir_contact_alias WHERE contact_id = ?");
                PreparedStatement steal = connection.prepareStatement("DELETE FROM dir_contact_alias WHERE alias_key = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO dir_contact_alias (alias_key, alias, contact_id) VALUES (?, ?, ?)")) {
            Set<String> written = new HashSet<>();
            for (Map.Entry<Long, ContactRow> entry : contacts.entrySet()) {
                clear.setLong(1, entry.getKey());
                clear.addBatch();
                List<String> keys = entry.getValue().aliasKeys();
                for (int i = 0; i < keys.size(); i++) {
                    if (!written.add(keys.get(i))) {
                        continue;
                    }
                    steal.setString(1, keys.get(i));
                    steal.addBatch();
                    insert.setString(1, keys.get(i));
                    insert.setString(2, entry.getValue().aliases().get(i));
                    insert.setLong(3, entry.getKey());
                    insert.addBatch();
                }
            }
            clear.executeBatch();
            steal.executeBatch();
            insert.executeBatch();
        }
    }
}
