package com.misdeliveryguard.app.directory;

/**
 * Published once, when the start-up import ({@code guard.directory.import}, the demo directory in
 * demo mode, the first synchronization of every LDAP source) has finished, successfully or not.
 * Until then the rules would judge every recipient against an incomplete directory, so the SMTP
 * listener opens only after this event.
 *
 * @param problems imports that failed and left the directory as it was (0 = all imported)
 */
public record DirectoryLoaded(int problems) {
}
