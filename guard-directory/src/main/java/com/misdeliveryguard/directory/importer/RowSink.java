package com.misdeliveryguard.directory.importer;

/**
 * Where a {@link ContactReader} hands what it reads, in file order. The import validates each
 * row; a reader only reports what it cannot even read as a row.
 */
public interface RowSink {

    /** A contact row. */
    void contact(RawContact contact);

    /** A declaration that the organization owns the domain (canonical CSV {@code @domain} rows). */
    void domain(long line, String domain, String organization);

    /** A row the reader could not use, with the reason. */
    void reject(long line, String reason);
}
