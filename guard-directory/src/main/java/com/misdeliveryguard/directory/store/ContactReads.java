package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.OrganizationRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads contacts with their organization name and aliases. */
final class ContactReads {

    private static final String SELECT = "SELECT c.id, c.address, c.name, c.family_name, c.given_name, c.reading,"
            + " c.reading_family, c.reading_given, c.organization_id, o.name AS organization_name, c.department,"
            + " c.source, c.updated_at FROM dir_contact c LEFT JOIN dir_organization o ON o.id = c.organization_id ";

    private final InternalDomains internalDomains;

    ContactReads(InternalDomains internalDomains) {
        this.internalDomains = internalDomains;
    }

    /** Contacts matching the condition on {@code c}, in id order, at most {@code limit}. */
    List<Contact> where(Connection connection, String condition, Sql.Binder binder, int limit) throws SQLException {
        List<Row> rows = Sql.list(connection, SELECT + "WHERE " + condition + " ORDER BY c.id"
                + " FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY", binder, this::row);
        return withAliases(connection, rows);
    }

    /** Contacts with these ids, in id order. */
    List<Contact> byIds(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return where(connection, "c.id IN (" + Sql.placeholders(ids.size()) + ")",
                statement -> Sql.bindAll(statement, 1, ids), ids.size());
    }

    private List<Contact> withAliases(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<MailAddress>> aliases = new HashMap<>();
        List<Long> ids = rows.stream().map(Row::id).toList();
        Sql.list(connection, "SELECT contact_id, alias FROM dir_contact_alias WHERE contact_id IN ("
                        + Sql.placeholders(ids.size()) + ") ORDER BY alias",
                statement -> Sql.bindAll(statement, 1, ids),
                row -> aliases.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                        .add(MailAddress.of(row.getString(2))));
        Map<Long, Contact> contacts = new LinkedHashMap<>();
        for (Row row : rows) {
            contacts.put(row.id(), row.toContact(aliases.getOrDefault(row.id(), List.of()), internalDomains));
        }
        return List.copyOf(contacts.values());
    }

    private Row row(ResultSet row) throws SQLException {
        Long organizationId = Sql.getNullableLong(row, "organization_id");
        Optional<OrganizationRef> organization = organizationId == null ? Optional.empty()
                : Optional.of(new OrganizationRef(new OrganizationId(organizationId),
                        OrganizationName.of(row.getString("organization_name"))));
        return new Row(row.getLong("id"), MailAddress.of(row.getString("address")),
                name(row.getString("name"), row.getString("family_name"), row.getString("given_name")),
                name(row.getString("reading"), row.getString("reading_family"), row.getString("reading_given")),
                organization, Optional.ofNullable(row.getString("department")),
                new SourceId(row.getString("source")), Sql.getInstant(row, "updated_at"));
    }

    private static Optional<PersonName> name(String display, String family, String given) {
        return display == null ? Optional.empty()
                : Optional.of(new PersonName(display, Optional.ofNullable(family), Optional.ofNullable(given)));
    }

    private record Row(long id, MailAddress address, Optional<PersonName> name, Optional<PersonName> reading,
            Optional<OrganizationRef> organization, Optional<String> department, SourceId source,
            java.time.Instant updatedAt) {

        Contact toContact(List<MailAddress> aliases, InternalDomains internalDomains) {
            return new Contact(address, name, reading, organization, department, aliases,
                    internalDomains.contains(DomainName.of(address)), source, updatedAt);
        }
    }
}
