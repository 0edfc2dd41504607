/**
 * Spring Security for the web side: roles AUDITOR (read-only) and ADMIN, users from
 * {@code guard.audit.users} with bcrypt hashes, form login with a session timeout, CSRF, security
 * headers; health, the confirmation pages and static resources stay open.
 */
package com.misdeliveryguard.app.security;
