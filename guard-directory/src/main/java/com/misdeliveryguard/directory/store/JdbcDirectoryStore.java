package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.FreeMailDomains;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The directory store on a {@link DataSource} whose schema the Flyway migrations
 * {@code db/migration/V1xx__*.sql} created. Build with {@link #builder(DataSource)}.
 */
public final class JdbcDirectoryStore implements DirectoryStore {

    /** First key of the PostgreSQL advisory lock that serializes directory writes (the second: the schema). */
    static final int DIRECTORY_WRITE_LOCK = 0x6d67_0001;

    private final DataSource dataSource;
    private final FreeMailDomains freeMailDomains;
    private final Clock clock;
    private final ContactReads contacts;
    private final OrganizationReads organizations;

    private JdbcDirectoryStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.freeMailDomains = builder.freeMailDomains;
        this.clock = builder.clock;
        this.contacts = new ContactReads(builder.internalDomains);
        this.organizations = new OrganizationReads(builder.internalDomains);
    }

    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public Optional<Contact> contactByAddressKey(String addressKey) {
        return read("contact by address", connection -> {
            List<Contact> found = contacts.where(connection, "c.address_key = ?", s -> s.setString(1, addressKey), 1);
            if (found.isEmpty()) {
                found = contacts.where(connection,
                        "c.id = (SELECT a.contact_id FROM dir_contact_alias a WHERE a.alias_key = ?)",
                        s -> s.setString(1, addressKey), 1);
            }
            return found.stream().findFirst();
        });
    }

    @Override
    public List<Contact> contactsOf(OrganizationId organization, int limit) {
        return read("contacts of organization", connection -> contacts.where(connection, "c.organization_id = ?",
                s -> s.setLong(1, organization.value()), limit));
    }

    @Override
    public List<Contact> contactsAtDomain(DomainName domain, int limit) {
        return read("contacts at domain", connection -> contacts.where(connection, "c.domain = ?",
                s -> s.setString(1, domain.ascii()), limit));
    }

    @Override
    public List<Contact> contactsByNameKey(String nameKey, int limit) {
        if (nameKey.isEmpty() || limit <= 0) {
            return List.of();
        }
        return read("contacts by name", connection -> {
            String first = " FETCH FIRST " + limit + " ROWS ONLY)";
            List<Long> ids = Sql.list(connection, "(SELECT id FROM dir_contact WHERE name_key = ?" + first
                            + " UNION (SELECT id FROM dir_contact WHERE family_key = ?" + first
                            + " UNION (SELECT id FROM dir_contact WHERE given_key = ?" + first
                            + " UNION (SELECT id FROM dir_contact WHERE reading_key = ?" + first
                            + " UNION (SELECT id FROM dir_contact WHERE reading_family_key = ?" + first
                            + " ORDER BY 1 FETCH FIRST " + limit + " ROWS ONLY",
                    s -> {
                        for (int i = 1; i <= 5; i++) {
                            s.setString(i, nameKey);
                        }
                    }, row -> row.getLong(1));
            return contacts.byIds(connection, new ArrayList<>(ids));
        });
    }

    @Override
    public Optional<Organization> organization(OrganizationId id) {
        return read("organization", connection -> organizations.byId(connection, id.value()));
    }

    @Override
    public Optional<Organization> organizationOwning(DomainName domain) {
        return read("organization owning domain", connection -> organizations.owning(connection, domain));
    }

    @Override
    public Optional<Organization> organizationByNameKey(String nameKey) {
        return read("organization by name", connection -> organizations.byNameKey(connection, nameKey));
    }

    @Override
    public Optional<KnownDomain> knownDomain(DomainName domain) {
        return read("known domain", connection -> organizations.knownDomain(connection, domain));
    }

    @Override
    public List<KnownDomain> knownDomainsWithKeys(Collection<String> keys, int limit) {
        return read("known domains near", connection -> organizations.knownDomainsWithKeys(connection, keys, limit));
    }

    @Override
    public DirectoryCounts counts() {
        return read("counts", connection -> new DirectoryCounts(
                Sql.count(connection, "SELECT COUNT(*) FROM dir_contact"),
                Sql.count(connection, "SELECT COUNT(*) FROM dir_organization"),
                Sql.count(connection, "SELECT COUNT(*) FROM dir_domain")));
    }

    @Override
    public DirectoryWriter openWriter() {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                oneWriterAtATime(connection);
                return new JdbcDirectoryWriter(connection, freeMailDomains, clock);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new DirectoryUnavailableException("cannot open a directory write transaction: " + e.getMessage(), e);
        }
    }

    /**
     * On PostgreSQL, waits for the transaction-scoped advisory lock of this schema's directory, so that
     * instances sharing the database write one at a time: two instances importing the same file at
     * start-up no longer race to insert the same organization ({@code dir_organization_name_key_uq});
     * the second sees what the first committed and finds nothing to change. The lock ends with the
     * write transaction. Embedded H2 serves one instance, whose importer writes one at a time already.
     */
    private static void oneWriterAtATime(Connection connection) throws SQLException {
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        // coalesce: with a null argument the (strict) function would return without locking
        try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?,"
                + " hashtext(coalesce(current_schema(), '')))")) {
            lock.setInt(1, DIRECTORY_WRITE_LOCK);
            lock.execute();
        }
    }

    private <T> T read(String what, SqlFunction<T> query) {
        try (Connection connection = dataSource.getConnection()) {
            return query.apply(connection);
        } catch (SQLException e) {
            throw new DirectoryUnavailableException("directory lookup failed (" + what + "): " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Configures a store; only the data source is required. */
    public static final class Builder {

        private final DataSource dataSource;
        private InternalDomains internalDomains = InternalDomains.none();
        private FreeMailDomains freeMailDomains = FreeMailDomains.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The company's own domains ({@code guard.internal-domains}); default none. */
        public Builder internalDomains(InternalDomains internalDomains) {
            this.internalDomains = Objects.requireNonNull(internalDomains, "internalDomains");
            return this;
        }

        /** Domains never credited to a contact's organization; default {@link FreeMailDomains#defaults()}. */
        public Builder freeMailDomains(FreeMailDomains freeMailDomains) {
            this.freeMailDomains = Objects.requireNonNull(freeMailDomains, "freeMailDomains");
            return this;
        }

        /** The clock for {@code updated_at}; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcDirectoryStore build() {
            return new JdbcDirectoryStore(this);
        }
    }
}
