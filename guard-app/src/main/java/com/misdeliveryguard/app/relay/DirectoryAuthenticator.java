package com.misdeliveryguard.app.relay;

import com.misdeliveryguard.app.security.DirectoryAccounts;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.listener.SenderOwnership;
import com.misdeliveryguard.smtp.listener.SmtpAuthenticator;
import java.util.Locale;
import java.util.Optional;

/**
 * SMTP AUTH by the configured users first (bcrypt), then by a bind to the company directory
 * ({@link DirectoryAccounts}); and sender ownership to match: a configured user may use their
 * configured addresses, a directory user the addresses of their directory entry.
 */
final class DirectoryAuthenticator implements SmtpAuthenticator {

    private final Optional<SmtpAuthenticator> configured;
    private final DirectoryAccounts directory;

    DirectoryAuthenticator(Optional<SmtpAuthenticator> configured, DirectoryAccounts directory) {
        this.configured = configured;
        this.directory = directory;
    }

    @Override
    public boolean authenticate(String username, String password) {
        if (configured.isPresent() && configured.get().authenticate(username, password)) {
            return true;
        }
        return directory.authenticate(username, password).isPresent();
    }

    /** Configured ownership, else the directory user's own addresses. */
    static SenderOwnership ownership(SenderOwnership configured, DirectoryAccounts directory) {
        return (user, sender) -> configured.mayUse(user, sender) || own(directory, user, sender);
    }

    private static boolean own(DirectoryAccounts directory, String user, ReversePath sender) {
        return sender.address().map(MailAddress::toString).map(a -> a.toLowerCase(Locale.ROOT))
                .filter(directory.addressesOf(user)::contains).isPresent();
    }
}
