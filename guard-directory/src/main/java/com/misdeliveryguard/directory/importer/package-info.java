/**
 * Importers that fill the directory from address books: canonical CSV, Outlook and Google
 * Contacts CSV exports (layout recognized by the header; UTF-8 or Shift_JIS), vCard 3.0/4.0, and —
 * through {@link com.misdeliveryguard.directory.importer.ContactReader} — LDAP.
 *
 * <p>Each import is one transaction: bad rows are skipped and reported with file, line and
 * reason; a fatal problem (broken quoting, an undecodable file, an unreachable server) rolls the
 * whole import back and leaves the directory as it was. The outcome is always an
 * {@link com.misdeliveryguard.directory.importer.ImportReport}, never an exception. Importing the
 * same file again changes nothing.
 */
package com.misdeliveryguard.directory.importer;
