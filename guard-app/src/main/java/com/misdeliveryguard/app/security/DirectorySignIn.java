package com.misdeliveryguard.app.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs people in on a web page with their directory account. {@link #console} accepts only members
 * of the auditor or administrator group (others fall through to the configured users and are
 * refused); {@link #employees} accepts every directory account, as role {@code SENDER}. The
 * authentication's details are the {@link DirectoryAccount}, so a page can ask for the person's
 * addresses.
 */
public final class DirectorySignIn implements AuthenticationProvider {

    private final DirectoryAccounts accounts;
    private final Optional<String> fixedRole;

    private DirectorySignIn(DirectoryAccounts accounts, Optional<String> fixedRole) {
        this.accounts = accounts;
        this.fixedRole = fixedRole;
    }

    /** Console sign-in: roles from group membership; no role, no sign-in here. */
    public static DirectorySignIn console(DirectoryAccounts accounts) {
        return new DirectorySignIn(accounts, Optional.empty());
    }

    /** Any employee's sign-in to their own held mail, with {@code role}. */
    public static DirectorySignIn employees(DirectoryAccounts accounts, String role) {
        return new DirectorySignIn(accounts, Optional.of(role));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<DirectoryAccount> account = accounts.authenticate(authentication.getName(), password);
        if (account.isEmpty()) {
            return null;
        }
        Set<String> roles = fixedRole.map(Set::of).orElse(account.get().roles());
        if (roles.isEmpty()) {
            return null;
        }
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                account.get().username(), null,
                roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        token.setDetails(account.get());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The addresses of the person behind {@code authentication}, when they signed in with the directory. */
    public static Optional<List<String>> addressesOf(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof DirectoryAccount a
                ? Optional.of(a.addresses()) : Optional.empty();
    }
}
