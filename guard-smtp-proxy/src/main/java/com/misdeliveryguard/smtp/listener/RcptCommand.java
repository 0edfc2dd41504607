package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;
import java.net.InetAddress;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * RCPT TO (RFC 5321 §4.1.1.3). Relaying is allowed only for authenticated clients and clients in a
 * trusted network — this relay is never open. Past the recipient cap the reply is 452 (§4.5.3.1.10),
 * so that a well-behaved client sends the rest in another transaction. No RCPT parameters are
 * offered (no DSN extension), so any is refused.
 */
final class RcptCommand extends GuardCommand {

    private final ListenerSettings settings;

    RcptCommand(ListenerSettings settings) {
        super("RCPT", "Specifies a recipient: RCPT TO:<address>");
        this.settings = settings;
    }

    @Override
    void run(String line, Session session) throws IOException, RejectException {
        if (!session.isMailTransactionInProgress()) {
            throw new RejectException(503, "5.5.1 Error: need MAIL command");
        }
        if (!mayRelay(session)) {
            throw new RejectException(554, "5.7.1 Relay access denied: authenticate first");
        }
        Transaction tx = transaction(session);
        if (tx.recipients().size() >= settings.maxRecipients) {
            throw new RejectException(452, "4.5.3 Too many recipients");
        }
        PathArgument.Parsed parsed = PathArgument.parse(line, "TO:", false);
        if (!parsed.parameters().isEmpty()) {
            throw new RejectException(555, "5.5.4 Unsupported parameter " + parsed.parameters().keySet().iterator().next());
        }
        MailAddress recipient = parsed.mailbox().orElseThrow();
        tx.addRecipient(recipient);
        session.sendResponse("250 2.1.5 Ok");
    }

    private boolean mayRelay(Session session) {
        if (session.isAuthenticated()) {
            return true;
        }
        if (settings.authRequired) {
            return false;
        }
        InetAddress client = session.getRealRemoteAddress().getAddress();
        return settings.trustedNetworks.stream().anyMatch(n -> n.contains(client));
    }
}
