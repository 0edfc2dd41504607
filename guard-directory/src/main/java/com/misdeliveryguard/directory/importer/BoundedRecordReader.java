package com.misdeliveryguard.directory.importer;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that fails once more than a limit of characters are read without the consumer marking
 * a record boundary: an unclosed quote in a CSV file would otherwise make the parser collect the
 * rest of a 100 MB file into one field.
 */
final class BoundedRecordReader extends FilterReader {

    /** Thrown through the CSV parser when a record grows past the limit. */
    static final class RecordTooLongException extends IOException {
        RecordTooLongException(int limit) {
            super("a record longer than " + limit + " characters");
        }
    }

    private final int limit;
    private long sinceBoundary;

    BoundedRecordReader(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** The consumer finished a record. */
    void recordBoundary() {
        sinceBoundary = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int chars) throws RecordTooLongException {
        sinceBoundary += chars;
        if (sinceBoundary > limit) {
            throw new RecordTooLongException(limit);
        }
    }
}
