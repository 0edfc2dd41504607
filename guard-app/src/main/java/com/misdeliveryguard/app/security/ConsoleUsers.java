package com.misdeliveryguard.app.security;

import com.misdeliveryguard.app.audit.AuditProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The console's users from {@code guard.audit.users}, checked at start-up with messages that say how to fix them. */
final class ConsoleUsers {

    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);
    private static final Set<String> ROLES = Set.of("AUDITOR", "ADMIN", "CLIENT");

    private ConsoleUsers() {
    }

    static InMemoryUserDetailsManager of(List<AuditProperties.User> users) {
        if (users.isEmpty()) {
            log.warn("guard.audit.users is empty: nobody can sign in to the auditor console. Add users with a bcrypt "
                    + "password-hash and roles AUDITOR and/or ADMIN (see README).");
        }
        Set<String> names = new HashSet<>();
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
        for (AuditProperties.User u : users) {
            if (u.name() == null || u.name().isBlank()) {
                throw new IllegalArgumentException("guard.audit.users: every user needs a name");
            }
            if (u.passwordHash() == null || !u.passwordHash().matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
                throw new IllegalArgumentException("guard.audit.users: user " + u.name() + " needs a bcrypt "
                        + "password-hash ($2a$10$…); make one with: htpasswd -bnBC 10 \"\" secret | tr -d ':\\n'");
            }
            if (u.roles().isEmpty() || !ROLES.containsAll(u.roles())) {
                throw new IllegalArgumentException("guard.audit.users: user " + u.name() + " has roles " + u.roles()
                        + "; roles must be AUDITOR, ADMIN and/or CLIENT (check and directory search only, for add-ins)");
            }
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("guard.audit.users: the user name " + u.name() + " appears twice");
            }
            UserDetails user = User.withUsername(u.name()).password(u.passwordHash())
                    .roles(u.roles().toArray(String[]::new)).build();
            manager.createUser(user);
        }
        return manager;
    }
}
