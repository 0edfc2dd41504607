/**
 * The address directory of Misdelivery Guard (SPEC §4): the implementation of the core's directory
 * ports ({@link com.misdeliveryguard.core.directory.ContactDirectory},
 * {@link com.misdeliveryguard.core.directory.LearnedRecipients}). The application wires a
 * {@code javax.sql.DataSource} into {@link com.misdeliveryguard.directory.store.JdbcDirectoryStore},
 * puts {@link com.misdeliveryguard.directory.lookup.CachedContactDirectory} in front of it, and feeds
 * it with {@link com.misdeliveryguard.directory.importer.DirectoryImporter} (files) and
 * {@link com.misdeliveryguard.directory.ldap.LdapContactReader} (LDAP / Active Directory).
 * Learned recipients are stored by {@link com.misdeliveryguard.directory.learned}.
 */
package com.misdeliveryguard.directory;
