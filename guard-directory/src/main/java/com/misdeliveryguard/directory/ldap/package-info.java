/**
 * LDAP / Active Directory as a contact source (SPEC §4), read with the UnboundID LDAP SDK in
 * pages (simple paged results, RFC 2696) so that a directory of any size streams through.
 * A sync mirrors the server: contacts the server no longer lists are removed, but only those that
 * came from the same LDAP source; a server that cannot be reached fails the sync and changes
 * nothing.
 */
package com.misdeliveryguard.directory.ldap;
