/**
 * The directory's storage: plain JDBC over a {@code javax.sql.DataSource}, on H2 2.x and
 * PostgreSQL 15, with the schema of the Flyway migrations in {@code db/migration} (versions
 * V100..V199, tables {@code dir_*}). Every lookup is one or two indexed queries; nothing is loaded
 * whole into the heap. Writes go through a {@link com.misdeliveryguard.directory.store.DirectoryWriter},
 * one transaction that an importer commits or rolls back as a whole.
 */
package com.misdeliveryguard.directory.store;
