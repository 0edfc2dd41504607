package com.misdeliveryguard.directory.importer;

import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * The canonical layout {@code email,name,name_kana,organization,department} (SPEC §4); further
 * columns are ignored. An email of the form {@code @domain} declares that the row's organization
 * owns the domain.
 */
final class CanonicalCsvLayout implements CsvLayout {

    private final CsvColumns columns;

    CanonicalCsvLayout(CsvColumns columns) {
        this.columns = columns;
    }

    static boolean recognizes(CsvColumns columns) {
        return columns.has("email");
    }

    @Override
    public void read(long line, CSVRecord record, RowSink sink) {
        String email = columns.get(record, "email");
        String organization = columns.get(record, "organization");
        if (email.startsWith("@") || email.startsWith("＠")) {
            sink.domain(line, email.substring(1), organization);
            return;
        }
        sink.contact(new RawContact(line, "", List.of(email), columns.get(record, "name"), "", "",
                columns.get(record, "namekana"), "", "", organization, columns.get(record, "department")));
    }
}
