package com.misdeliveryguard.app.security;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person who signed in with the company directory.
 *
 * @param username  the name typed
 * @param dn        the entry's DN
 * @param addresses the person's mail addresses ({@code mail}, and {@code smtp:} entries of
 *                  {@code proxyAddresses}), lower case
 * @param roles     console roles from group membership ({@code AUDITOR}, {@code ADMIN}); empty for other employees
 */
public record DirectoryAccount(String username, String dn, List<String> addresses, Set<String> roles) {

    public DirectoryAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(dn, "dn");
        addresses = List.copyOf(addresses);
        roles = Set.copyOf(roles);
    }
}
