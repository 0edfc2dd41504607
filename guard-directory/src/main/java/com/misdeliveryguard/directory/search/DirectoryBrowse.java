package com.misdeliveryguard.directory.search;

import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.TextKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Browses the address book for administrators: organizations with their domains and number of
 * contacts, an organization's contacts, one contact. Pages are bounded (at most {@value #MAX_PAGE_SIZE}
 * rows) and sorted by a fixed set of columns (never by a client string). A database failure is a
 * {@link DirectoryUnavailableException}.
 */
public final class DirectoryBrowse {

    static final int MAX_PAGE_SIZE = 100;

    /** How a page of organizations is sorted. */
    public enum OrganizationOrder {
        NAME("o.name_key, o.id"), CONTACTS("contacts DESC, o.name_key, o.id");

        private final String sql;

        OrganizationOrder(String sql) {
            this.sql = sql;
        }
    }

    /** How a page of contacts is sorted. */
    public enum ContactOrder {
        NAME("c.name_key, c.address_key"), ADDRESS("c.address_key"), DEPARTMENT("c.department, c.name_key, c.address_key");

        private final String sql;

        ContactOrder(String sql) {
            this.sql = sql;
        }
    }

    /**
     * An organization as the list shows it.
     *
     * @param id       its id
     * @param name     its name
     * @param domains  the domains it owns, sorted
     * @param contacts how many contacts belong to it
     */
    public record OrganizationRow(long id, String name, List<String> domains, long contacts) {
    }

    /**
     * A page.
     *
     * @param rows    the rows
     * @param page    zero-based page number
     * @param hasMore whether a next page exists
     * @param <T>     row type
     */
    public record Page<T>(List<T> rows, int page, boolean hasMore) {
    }

    /** Reads one row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    public DirectoryBrowse(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A page of organizations. */
    public Page<OrganizationRow> organizations(OrganizationOrder order, int page, int size) {
        check(page, size);
        List<OrganizationRow> rows = query("SELECT o.id, o.name, (SELECT COUNT(*) FROM dir_contact c "
                + "WHERE c.organization_id = o.id) AS contacts FROM dir_organization o ORDER BY " + order.sql
                + " LIMIT ? OFFSET ?", this::organization, size + 1, (long) page * size);
        return page(rows.stream().map(this::withDomains).toList(), page, size);
    }

    /** One organization. */
    public Optional<OrganizationRow> organization(long id) {
        return query("SELECT o.id, o.name, (SELECT COUNT(*) FROM dir_contact c WHERE c.organization_id = o.id)"
                + " AS contacts FROM dir_organization o WHERE o.id = ?", this::organization, id).stream().findFirst()
                .map(this::withDomains);
    }

    /** A page of one organization's contacts. */
    public Page<SearchHit> contacts(long organizationId, ContactOrder order, int page, int size) {
        check(page, size);
        List<SearchHit> rows = query("SELECT c.address, c.name, c.reading, o.name AS organization, "
                + "c.department FROM dir_contact c LEFT JOIN dir_organization o ON o.id = c.organization_id "
                + "WHERE c.organization_id = ? ORDER BY " + order.sql + " LIMIT ? OFFSET ?",
                DirectoryBrowse::hit, organizationId, size + 1, (long) page * size);
        return page(rows, page, size);
    }

    /** One contact by address (case-insensitive). */
    public Optional<SearchHit> contact(String address) {
        return query("SELECT c.address, c.name, c.reading, o.name AS organization, c.department "
                + "FROM dir_contact c LEFT JOIN dir_organization o ON o.id = c.organization_id "
                + "WHERE c.address_key = ?", DirectoryBrowse::hit, key(address)).stream().findFirst();
    }

    /** The organization id of a contact, when it has one. */
    public Optional<Long> organizationOf(String address) {
        return query("SELECT organization_id FROM dir_contact WHERE address_key = ? AND organization_id IS NOT NULL",
                rs -> rs.getLong(1), key(address)).stream().findFirst();
    }

    private OrganizationRow organization(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        return new OrganizationRow(id, rs.getString("name"), List.of(), rs.getLong("contacts"));
    }

    private OrganizationRow withDomains(OrganizationRow row) {
        return new OrganizationRow(row.id(), row.name(), domains(row.id()), row.contacts());
    }

    private List<String> domains(long organizationId) {
        return query("SELECT domain FROM dir_domain WHERE organization_id = ? ORDER BY domain", rs -> rs.getString(1),
                organizationId);
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DirectoryUnavailableException("directory browse failed", e);
        }
    }

    private static String key(String address) {
        return TextKeys.nfkc(address.strip()).toLowerCase(Locale.ROOT);
    }

    private static SearchHit hit(ResultSet rs) throws SQLException {
        return new SearchHit(rs.getString("address"), text(rs, "name"), text(rs, "reading"), text(rs, "organization"),
                text(rs, "department"));
    }

    private static String text(ResultSet rows, String column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? "" : value;
    }

    private static <T> Page<T> page(List<T> rows, int page, int size) {
        boolean more = rows.size() > size;
        return new Page<>(new ArrayList<>(more ? rows.subList(0, size) : rows), page, more);
    }

    private static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
    }
}
