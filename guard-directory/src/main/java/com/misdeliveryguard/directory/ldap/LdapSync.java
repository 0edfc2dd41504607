package com.misdeliveryguard.directory.ldap;

import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportMode;
import com.misdeliveryguard.directory.importer.ImportReport;
import java.util.Objects;

/**
 * One LDAP source mirrored into the directory: call {@link #run()} at start-up and on a schedule.
 * Each run adds and updates what the server lists and removes the contacts of this source that it
 * no longer lists; an unreachable server changes nothing.
 */
public final class LdapSync {

    private final DirectoryImporter importer;
    private final LdapSource source;

    public LdapSync(DirectoryImporter importer, LdapSource source) {
        this.importer = Objects.requireNonNull(importer, "importer");
        this.source = Objects.requireNonNull(source, "source");
    }

    public ImportReport run() {
        return importer.run(new LdapContactReader(source), source.sourceId(), ImportMode.MIRROR);
    }
}
