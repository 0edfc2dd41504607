package com.misdeliveryguard.directory.importer;

import java.util.Objects;

/**
 * A row an import skipped, or the reason an import failed.
 *
 * @param file   the file name, or the LDAP server and entry DN
 * @param line   the line of the file (1 = the header line of a CSV), 0 when the source has no lines
 * @param reason what is wrong, for a person to fix
 */
public record ImportProblem(String file, long line, String reason) {

    public ImportProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
