package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.internal.SeenKeys;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.FreeMailDomains;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link DirectoryWriter} on one JDBC connection with auto-commit off; writes in chunks. */
final class JdbcDirectoryWriter implements DirectoryWriter {

    static final int CHUNK = 500;

    private final Connection connection;
    private final FreeMailDomains freeMailDomains;
    private final Clock clock;
    private final OrganizationWrites organizations;
    private final DomainWrites domains;
    private final ContactWrites contacts;
    private final Map<String, ContactEntry> pendingContacts = new LinkedHashMap<>();
    private final List<DomainClaim> pendingClaims = new ArrayList<>();
    private long added;
    private long updated;
    private long unchanged;
    private long removed;
    private boolean committed;
    private boolean closed;

    JdbcDirectoryWriter(Connection connection, FreeMailDomains freeMailDomains, Clock clock) {
        this.connection = connection;
        this.freeMailDomains = freeMailDomains;
        this.clock = clock;
        this.organizations = new OrganizationWrites(connection);
        this.domains = new DomainWrites(connection);
        this.contacts = new ContactWrites(connection);
    }

    @Override
    public void put(ContactEntry entry) {
        checkOpen();
        pendingContacts.put(ContactAddresses.key(entry.address()), entry);
        if (pendingContacts.size() >= CHUNK) {
            flush();
        }
    }

    @Override
    public void claim(DomainClaim claim) {
        checkOpen();
        pendingClaims.add(claim);
        if (pendingClaims.size() >= CHUNK) {
            flush();
        }
    }

    @Override
    public void removeUnseen(SourceId source, SeenKeys seen) {
        checkOpen();
        flush();
        try {
            long[] ids = unseen(source, seen);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM dir_contact WHERE id = ?")) {
                for (int i = 0; i < ids.length; i++) {
                    delete.setLong(1, ids[i]);
                    delete.addBatch();
                    if ((i + 1) % CHUNK == 0 || i == ids.length - 1) {
                        delete.executeBatch();
                    }
                }
            }
            removed += ids.length;
        } catch (SQLException e) {
            throw failure("removing contacts no longer in " + source, e);
        }
    }

    private long[] unseen(SourceId source, SeenKeys seen) throws SQLException {
        long[] ids = new long[64];
        int count = 0;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, address_key FROM dir_contact WHERE source = ?")) {
            select.setFetchSize(1000);
            select.setString(1, source.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!seen.contains(rows.getString(2))) {
                        if (count == ids.length) {
                            ids = Arrays.copyOf(ids, count * 2);
                        }
                        ids[count++] = rows.getLong(1);
                    }
                }
            }
        }
        return Arrays.copyOf(ids, count);
    }

    @Override
    public WriteCounts commit() {
        checkOpen();
        flush();
        try {
            connection.commit();
            committed = true;
            return new WriteCounts(added, updated, unchanged, removed);
        } catch (SQLException e) {
            throw failure("commit", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw failure("rollback", e);
        }
    }

    private void flush() {
        if (pendingContacts.isEmpty() && pendingClaims.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try {
            Map<String, Long> organizationIds = organizations.resolve(Stream.concat(
                    pendingContacts.values().stream().map(ContactEntry::organization).flatMap(Optional::stream),
                    pendingClaims.stream().map(DomainClaim::organization)).toList(), now);
            List<ContactRow> rows = new ArrayList<>(pendingContacts.size());
            for (ContactEntry entry : pendingContacts.values()) {
                Long organizationId = entry.organization().map(name -> organizationIds.get(name.key())).orElse(null);
                DomainName domain = DomainName.of(entry.address());
                domains.use(domain.ascii(), freeMailDomains.contains(domain) ? null : organizationId);
                rows.add(ContactRow.of(entry, organizationId));
            }
            for (DomainClaim claim : pendingClaims) {
                domains.declare(claim.domain().ascii(), organizationIds.get(claim.organization().key()));
            }
            for (DomainWrites.Outcome outcome : domains.flush(now).values()) {
                switch (outcome) {
                    case ADDED -> added++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
            }
            ContactWrites.Counts counts = contacts.write(rows, now);
            added += counts.added();
            updated += counts.updated();
            unchanged += counts.unchanged();
        } catch (SQLException e) {
            throw failure("writing contacts", e);
        } finally {
            pendingContacts.clear();
            pendingClaims.clear();
        }
    }

    private void checkOpen() {
        if (closed || committed) {
            throw new IllegalStateException("the writer is " + (closed ? "closed" : "committed"));
        }
    }

    private static DirectoryUnavailableException failure(String what, SQLException e) {
        return new DirectoryUnavailableException("directory write failed (" + what + "): " + e.getMessage(), e);
    }
}
