package com.misdeliveryguard.directory.importer;

import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;

/** How the columns of one kind of CSV export map to a contact; recognized by the header row. */
interface CsvLayout {

    /** Turns one record into rows for the sink. */
    void read(long line, CSVRecord record, RowSink sink);

    /** The layout whose columns the header has: Google, Outlook or canonical, in that order. */
    static Optional<CsvLayout> recognize(List<String> header) {
        CsvColumns columns = new CsvColumns(header);
        if (GoogleCsvLayout.recognizes(columns)) {
            return Optional.of(new GoogleCsvLayout(columns));
        }
        if (OutlookCsvLayout.recognizes(columns)) {
            return Optional.of(new OutlookCsvLayout(columns));
        }
        if (CanonicalCsvLayout.recognizes(columns)) {
            return Optional.of(new CanonicalCsvLayout(columns));
        }
        return Optional.empty();
    }
}
