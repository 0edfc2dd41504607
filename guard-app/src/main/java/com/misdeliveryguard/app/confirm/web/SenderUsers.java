package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.relay.SmtpProperties;
import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The senders who may sign in to their own list ({@code /my/**}): the SMTP users of
 * {@code guard.smtp.auth.users}, with the same bcrypt hashes, role {@code SENDER}. Deliberately not a
 * {@link UserDetailsService} bean ({@link #service()} is handed to the chain's own authentication
 * manager), so that it can neither replace nor disturb the console's users.
 */
final class SenderUsers {

    static final String ROLE = "SENDER";
    private final List<SmtpProperties.User> users;

    SenderUsers(List<SmtpProperties.User> users) {
        this.users = List.copyOf(users);
    }

    /** The users as a {@link UserDetailsService} for one authentication provider. */
    UserDetailsService service() {
        return this::load;
    }

    private UserDetails load(String username) {
        return users.stream().filter(u -> u.name() != null && u.name().equals(username) && u.passwordHash() != null)
                .findFirst().map(u -> User.withUsername(u.name()).password(u.passwordHash()).roles(ROLE).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such sender"));
    }

    /** The MAIL FROM addresses configured for a user ({@code *@domain} for a whole domain). */
    List<String> addressesOf(String username) {
        return users.stream().filter(u -> username.equals(u.name())).findFirst().map(SmtpProperties.User::addresses)
                .orElse(List.of());
    }
}
