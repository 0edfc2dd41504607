package com.misdeliveryguard.directory.importer;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * Google Contacts' CSV export, old ({@code Name}, {@code Given Name}, {@code Family Name},
 * {@code Organization 1 - Name}, …) and new ({@code First Name}, {@code Last Name},
 * {@code Organization Name}, …). Both list addresses in {@code E-mail 1 - Value},
 * {@code E-mail 2 - Value}, …, several in one cell separated by {@code :::}.
 */
final class GoogleCsvLayout implements CsvLayout {

    private static final int MAX_EMAIL_COLUMNS = 5;

    private final CsvColumns columns;

    GoogleCsvLayout(CsvColumns columns) {
        this.columns = columns;
    }

    static boolean recognizes(CsvColumns columns) {
        return columns.has("email1value");
    }

    @Override
    public void read(long line, CSVRecord record, RowSink sink) {
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= MAX_EMAIL_COLUMNS; i++) {
            for (String address : columns.get(record, "email" + i + "value").split(":::")) {
                addresses.add(address.strip());
            }
        }
        sink.contact(new RawContact(line, "", addresses,
                columns.get(record, "name"),
                columns.get(record, "familyname", "lastname"),
                columns.get(record, "givenname", "firstname"),
                columns.get(record, "yominame"),
                columns.get(record, "familynameyomi", "phoneticlastname"),
                columns.get(record, "givennameyomi", "phoneticfirstname"),
                columns.get(record, "organization1name", "organizationname"),
                columns.get(record, "organization1department", "organizationdepartment")));
    }
}
