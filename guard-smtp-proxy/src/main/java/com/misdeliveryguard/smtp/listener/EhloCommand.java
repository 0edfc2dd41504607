package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * EHLO (RFC 5321 §4.1.1.1) advertising only what the guard really does: PIPELINING, SIZE (enforced
 * by {@link DataReader}), 8BITMIME, ENHANCEDSTATUSCODES, STARTTLS when configured, AUTH when it may
 * be used on this connection. Unlike SubEthaSMTP's EHLO it does not offer CHUNKING or SMTPUTF8.
 */
final class EhloCommand extends GuardCommand {

    private final ListenerSettings settings;

    EhloCommand(ListenerSettings settings) {
        super("EHLO", "Introduce yourself.");
        this.settings = settings;
    }

    @Override
    void run(String line, Session session) throws IOException, RejectException {
        String[] args = line.trim().split(" +");
        if (args.length != 2) {
            throw new RejectException(501, "5.5.4 Syntax: EHLO hostname");
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);
        StringBuilder reply = new StringBuilder("250-").append(settings.hostName).append(" greets ")
                .append(Helo.sanitize(args[1]));
        reply.append("\r\n250-PIPELINING");
        reply.append("\r\n250-SIZE ").append(settings.maxMessageSize);
        reply.append("\r\n250-8BITMIME");
        reply.append("\r\n250-ENHANCEDSTATUSCODES");
        if (settings.tls.isPresent() && !session.isTLSStarted()) {
            reply.append("\r\n250-STARTTLS");
        }
        if (AuthGate.authAllowedHere(settings, session)) {
            reply.append("\r\n250-AUTH PLAIN LOGIN");
        }
        reply.append("\r\n250 HELP");
        session.sendResponse(reply.toString());
    }
}
