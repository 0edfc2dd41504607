package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.smtp.listener.SmtpAuthenticator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** SMTP AUTH against the bcrypt hashes of {@code guard.smtp.auth.users}. */
final class BcryptAuthenticator implements SmtpAuthenticator {

    /** Compared against for unknown users, so that a wrong user name costs as much as a wrong password. */
    private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("no such user");
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final Map<String, String> hashes;

    BcryptAuthenticator(List<SmtpProperties.User> users) {
        for (SmtpProperties.User user : users) {
            if (user.name() == null || user.passwordHash() == null || !user.passwordHash().matches("\\$2[aby]?\\$.*")) {
                throw new IllegalArgumentException("guard.smtp.auth.users: each user needs a name and a bcrypt "
                        + "password-hash ($2a$…); user " + user.name() + " has none");
            }
        }
        this.hashes = users.stream().collect(Collectors.toUnmodifiableMap(SmtpProperties.User::name,
                SmtpProperties.User::passwordHash, (a, b) -> {
                    throw new IllegalArgumentException("guard.smtp.auth.users: a user name appears twice");
                }));
    }

    @Override
    public boolean authenticate(String username, String password) {
        String hash = hashes.get(username);
        boolean matches = encoder.matches(password == null ? "" : password, hash == null ? DUMMY_HASH : hash);
        return hash != null && matches;
    }

}
