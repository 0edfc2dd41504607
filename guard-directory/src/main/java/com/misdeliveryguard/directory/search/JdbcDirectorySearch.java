package com.misdeliveryguard.directory.search;

import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.TextKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Searches contacts by prefix of their normalized name, family name, reading, address, or of their
 * organization's normalized name (company-form words such as 株式会社 ignored). Matching uses the keys
 * the importers store, so {@code ﾀﾅｶ}, {@code たなか} and {@code タナカ} find the same people.
 * Thread-safe; a database failure is a {@link DirectoryUnavailableException}.
 */
public final class JdbcDirectorySearch {

    static final int MAX_PAGE_SIZE = 100;
    private static final String SQL = """
            SELECT c.address, c.name, c.reading, o.name AS organization, c.department, c.name_key
              FROM dir_contact c LEFT JOIN dir_organization o ON o.id = c.organization_id
             WHERE c.name_key LIKE ? ESCAPE '!' OR c.family_key LIKE ? ESCAPE '!'
                OR c.reading_key LIKE ? ESCAPE '!' OR c.reading_family_key LIKE ? ESCAPE '!'
                OR c.address_key LIKE ? ESCAPE '!' OR o.name_key LIKE ? ESCAPE '!'
             ORDER BY c.name_key, c.address_key
             LIMIT ? OFFSET ?
            """;

    private final DataSource dataSource;

    public JdbcDirectorySearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param query free text; blank gives an empty page
     * @param page  zero-based page
     * @param size  page size, 1 to 100
     */
    public SearchPage search(String query, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return new SearchPage("", page, size, List.of(), false);
        }
        String nameKey = like(TextKeys.nameKey(text));
        String addressKey = like(TextKeys.nfkc(text).toLowerCase(Locale.ROOT));
        String organizationKey = like(OrganizationName.keyOf(text));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, nameKey);
            statement.setString(2, nameKey);
            statement.setString(3, nameKey);
            statement.setString(4, nameKey);
            statement.setString(5, addressKey);
            statement.setString(6, organizationKey);
            statement.setInt(7, size + 1);
            statement.setLong(8, (long) page * size);
            List<SearchHit> hits = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hits.add(new SearchHit(rows.getString("address"), text(rows, "name"), text(rows, "reading"),
                            text(rows, "organization"), text(rows, "department")));
                }
            }
            boolean more = hits.size() > size;
            return new SearchPage(text, page, size, more ? hits.subList(0, size) : hits, more);
        } catch (SQLException e) {
            throw new DirectoryUnavailableException("directory search failed", e);
        }
    }

    private static String text(ResultSet rows, String column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? "" : value;
    }

    /** A prefix pattern with LIKE's wildcards escaped. */
    private static String like(String key) {
        return key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
