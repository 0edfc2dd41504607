/** Test fixtures shared by the application's test packages: a fresh, migrated H2 or PostgreSQL database. */
package com.misdeliveryguard.app.testing;
