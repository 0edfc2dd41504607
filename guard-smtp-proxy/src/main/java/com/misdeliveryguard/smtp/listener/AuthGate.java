package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.command.AuthCommand;
import org.subethamail.smtp.server.Session;

/**
 * AUTH only where passwords are not sent in clear: after STARTTLS, or on a loopback connection when
 * explicitly allowed. Then SubEthaSMTP's PLAIN/LOGIN exchange runs (RFC 4954, RFC 4616).
 */
final class AuthGate extends GuardCommand {

    private final ListenerSettings settings;
    private final AuthCommand delegate = new AuthCommand();

    AuthGate(ListenerSettings settings) {
        super("AUTH", "Authenticate: AUTH PLAIN|LOGIN [initial-response]");
        this.settings = settings;
    }

    static boolean authAllowedHere(ListenerSettings settings, Session session) {
        return settings.authenticator.isPresent()
                && (session.isTLSStarted() || (settings.plainAuthOnLoopback && isLoopback(session)));
    }

    @Override
    void run(String line, Session session) throws IOException, DropConnectionException {
        if (settings.authenticator.isEmpty()) {
            session.sendResponse("502 5.5.1 AUTH not offered");
        } else if (!authAllowedHere(settings, session)) {
            session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism");
        } else if (session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 AUTH not allowed during a mail transaction");
        } else {
            delegate.execute(line, session);
        }
    }
}
