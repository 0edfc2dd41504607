package com.misdeliveryguard.directory.importer;

/**
 * A source of contacts: a file of some format, or a directory server. One call of
 * {@link #read} hands every row of the source to the sink, streaming (never the whole source in
 * the heap).
 */
public interface ContactReader {

    /** The file name or server that reports name as "file". */
    String origin();

    /**
     * Reads the whole source into the sink.
     *
     * @throws ImportFailure when the source as a whole cannot be read; the import is rolled back
     */
    void read(RowSink sink) throws ImportFailure;
}
