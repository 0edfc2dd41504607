package com.misdeliveryguard.directory.importer;

/**
 * A problem that makes a whole import unusable (broken CSV quoting, an undecodable file, an
 * unreachable LDAP server). The import is rolled back and reported as failed. Control flow, not a
 * bug: no stack trace.
 */
public final class ImportFailure extends Exception {

    private final long line;

    /** @param line where it happened, 0 when unknown */
    public ImportFailure(String message, long line) {
        super(message, null, false, false);
        this.line = line;
    }

    public ImportFailure(String message, long line, Throwable cause) {
        super(message, cause, false, false);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
