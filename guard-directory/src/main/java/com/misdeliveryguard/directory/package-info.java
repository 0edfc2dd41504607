/**
 * The address directory of Misdelivery Guard (SPEC §4): who a recipient is, which organization
 * owns a domain, which known domains an unknown one resembles.
 *
 * <p>{@link com.misdeliveryguard.directory.ContactDirectory} is the read port the rules use; it
 * belongs in {@code guard-core} and lives here until the core takes it over. The application wires
 * a {@code javax.sql.DataSource} into {@link com.misdeliveryguard.directory.store.JdbcDirectoryStore},
 * puts {@link com.misdeliveryguard.directory.lookup.CachedContactDirectory} in front of it, and feeds
 * it with {@link com.misdeliveryguard.directory.importer.DirectoryImporter} (files) and
 * {@link com.misdeliveryguard.directory.ldap.LdapContactReader} (LDAP / Active Directory).
 * Learned recipients (SPEC §4) are in {@link com.misdeliveryguard.directory.learned}.
 */
package com.misdeliveryguard.directory;
