package com.misdeliveryguard.directory.importer;

/** What an import does with contacts of its source that it did not see. */
public enum ImportMode {
    /** Keep them: add and update only (files). */
    MERGE,
    /**
     * Remove them: the source lists everything it has (an LDAP re-sync). Contacts of other
     * sources are never touched. A read that yields no contact at all fails instead of emptying
     * the source.
     */
    MIRROR
}
