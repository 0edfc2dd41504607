package com.misdeliveryguard.directory.store;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.PersonName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The stored columns of one contact (without id and time stamp) plus its aliases, so that an
 * import can tell an unchanged contact from a changed one by equality.
 */
record ContactRow(String address, String addressKey, String domain, String name, String familyName,
        String givenName, String reading, String readingFamily, String readingGiven, String nameKey, String familyKey,
        String givenKey, String readingKey, String readingFamilyKey, Long organizationId, String department,
        String source, List<String> aliases) {

    /** The columns in insert order, {@code updated_at} last. */
    static final String COLUMNS = "address, address_key, domain, name, family_name, given_name, reading,"
            + " reading_family, reading_given, name_key, family_key, given_key, reading_key, reading_family_key,"
            + " organization_id, department, source";

    static final int COLUMN_COUNT = 17;

    static ContactRow of(ContactEntry entry, Long organizationId) {
        Optional<PersonName> name = entry.name();
        Optional<PersonName> reading = entry.reading();
        return new ContactRow(entry.address().toString(), ContactAddresses.key(entry.address()),
                entry.address().domain(),
                name.map(PersonName::display).orElse(null),
                name.flatMap(PersonName::family).orElse(null),
                name.flatMap(PersonName::given).orElse(null),
                reading.map(PersonName::display).orElse(null),
                reading.flatMap(PersonName::family).orElse(null),
                reading.flatMap(PersonName::given).orElse(null),
                name.map(PersonName::key).orElse(null),
                name.flatMap(PersonName::familyKey).orElse(null),
                name.flatMap(PersonName::givenKey).orElse(null),
                reading.map(PersonName::key).orElse(null),
                reading.flatMap(PersonName::familyKey).orElse(null),
                organizationId, entry.department().orElse(null), entry.source().value(),
                entry.aliases().stream().map(MailAddress::toString).sorted().toList());
    }

    /** Reads the columns of {@link #COLUMNS} by name; aliases are filled in later. */
    static ContactRow read(ResultSet row) throws SQLException {
        return new ContactRow(row.getString("address"), row.getString("address_key"), row.getString("domain"),
                row.getString("name"), row.getString("family_name"), row.getString("given_name"),
                row.getString("reading"), row.getString("reading_family"), row.getString("reading_given"),
                row.getString("name_key"), row.getString("family_key"), row.getString("given_key"),
                row.getString("reading_key"), row.getString("reading_family_key"),
                Sql.getNullableLong(row, "organization_id"), row.getString("department"), row.getString("source"),
                List.of());
    }

    ContactRow withAliases(List<String> stored) {
        return new ContactRow(address, addressKey, domain, name, familyName, givenName, reading, readingFamily,
                readingGiven, nameKey, familyKey, givenKey, readingKey, readingFamilyKey, organizationId, department,
                source, stored.stream().sorted().toList());
    }

    /** Binds the {@link #COLUMNS} from parameter 1 on. */
    void bind(PreparedStatement statement) throws SQLException {
        String[] texts = {address, addressKey, domain, name, familyName, givenName, reading, readingFamily,
            readingGiven, nameKey, familyKey, givenKey, readingKey, readingFamilyKey};
        for (int i = 0; i < texts.length; i++) {
            statement.setString(i + 1, texts[i]);
        }
        Sql.setNullableLong(statement, 15, organizationId);
        statement.setString(16, department);
        statement.setString(17, source);
    }

    /** Keys of the aliases, for the alias table. */
    List<String> aliasKeys() {
        return aliases.stream().map(alias -> ContactAddresses.key(MailAddress.of(alias))).toList();
    }
}
