package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.OrganizationRef;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads organizations with their domains, and known domains with their owners. */
final class OrganizationReads {

    /** More domains than this per organization are not listed (the owner lookup still finds each). */
    static final int MAX_DOMAINS_LISTED = 1000;

    private static final String KNOWN_DOMAIN = "SELECT d.domain, d.organization_id, o.name FROM dir_domain d"
            + " LEFT JOIN dir_organization o ON o.id = d.organization_id ";

    private final InternalDomains internalDomains;

    OrganizationReads(InternalDomains internalDomains) {
        this.internalDomains = internalDomains;
    }

    Optional<Organization> byId(Connection connection, long id) throws SQLException {
        return complete(connection, Sql.first(connection, "SELECT id, name FROM dir_organization WHERE id = ?",
                statement -> statement.setLong(1, id), OrganizationReads::ref));
    }

    Optional<Organization> byNameKey(Connection connection, String key) throws SQLException {
        return complete(connection, Sql.first(connection, "SELECT id, name FROM dir_organization WHERE name_key = ?",
                statement -> statement.setString(1, key), OrganizationReads::ref));
    }

    Optional<Organization> owning(Connection connection, DomainName domain) throws SQLException {
        return complete(connection, Sql.first(connection, "SELECT o.id, o.name FROM dir_domain d"
                        + " JOIN dir_organization o ON o.id = d.organization_id WHERE d.domain = ?",
                statement -> statement.setString(1, domain.ascii()), OrganizationReads::ref));
    }

    Optional<KnownDomain> knownDomain(Connection connection, DomainName domain) throws SQLException {
        return Sql.first(connection, KNOWN_DOMAIN + "WHERE d.domain = ?",
                statement -> statement.setString(1, domain.ascii()), OrganizationReads::knownDomain);
    }

    List<KnownDomain> knownDomainsWithKeys(Connection connection, Collection<String> keys, int limit)
            throws SQLException {
        if (keys.isEmpty() || limit <= 0) {
            return List.of();
        }
        return Sql.list(connection, KNOWN_DOMAIN + "WHERE d.domain IN (SELECT k.domain FROM dir_domain_key k"
                        + " WHERE k.lookalike_key IN (" + Sql.placeholders(keys.size()) + "))"
                        + " ORDER BY d.domain FETCH FIRST " + limit + " ROWS ONLY",
                statement -> Sql.bindAll(statement, 1, keys), OrganizationReads::knownDomain);
    }

    private Optional<Organization> complete(Connection connection, Optional<OrganizationRef> ref)
            throws SQLException {
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        List<DomainName> domains = Sql.list(connection, "SELECT domain FROM dir_domain WHERE organization_id = ?"
                        + " ORDER BY domain FETCH FIRST " + MAX_DOMAINS_LISTED + " ROWS ONLY",
                statement -> statement.setLong(1, ref.get().id().value()), row -> DomainName.of(row.getString(1)));
        boolean internal = domains.stream().anyMatch(internalDomains::contains);
        return Optional.of(new Organization(ref.get().id(), ref.get().name(), domains, internal));
    }

    private static OrganizationRef ref(ResultSet row) throws SQLException {
        return new OrganizationRef(new OrganizationId(row.getLong(1)), OrganizationName.of(row.getString(2)));
    }

    private static KnownDomain knownDomain(ResultSet row) throws SQLException {
        Long owner = Sql.getNullableLong(row, "organization_id");
        return new KnownDomain(DomainName.of(row.getString("domain")), owner == null ? Optional.empty()
                : Optional.of(new OrganizationRef(new OrganizationId(owner), OrganizationName.of(row.getString("name")))));
    }
}
