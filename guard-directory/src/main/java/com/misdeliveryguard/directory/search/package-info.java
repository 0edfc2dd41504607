/**
 * Directory search for people (address pickers, the admin page): by name, reading, address or
 * organization, prefix matches on the normalized keys the importers store, paged.
 */
package com.misdeliveryguard.directory.search;
