package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.ReversePath;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2) with the strict {@link PathArgument} parser. Parameters: SIZE
 * (RFC 1870, any length of digits, checked against our limit), BODY=7BIT|8BITMIME (RFC 6152), AUTH
 * (RFC 4954, ignored). Anything else, SMTPUTF8 included, is refused with 555.
 */
final class MailCommand extends GuardCommand {

    private final ListenerSettings settings;

    MailCommand(ListenerSettings settings) {
        super("MAIL", "Specifies the sender: MAIL FROM:<address> [SIZE=n] [BODY=8BITMIME]");
        this.settings = settings;
    }

    @Override
    void run(String line, Session session) throws IOException, RejectException {
        if (session.getHelo().isEmpty()) {
            throw new RejectException(503, "5.5.1 Error: send HELO/EHLO first");
        }
        if (session.isMailTransactionInProgress()) {
            throw new RejectException(503, "5.5.1 Error: nested MAIL command");
        }
        if (settings.authRequired && !session.isAuthenticated()) {
            throw new RejectException(530, "5.7.0 Authentication required");
        }
        requireOpenGate(settings);
        PathArgument.Parsed parsed = PathArgument.parse(line, "FROM:", true);
        boolean eightBit = checkParameters(parsed.parameters());
        ReversePath sender = parsed.mailbox().map(ReversePath::of).orElse(ReversePath.NULL);
        if (session.isAuthenticated()) {
            String user = String.valueOf(session.getAuthenticationHandler().get().getIdentity());
            if (!settings.senderOwnership.mayUse(user, sender)) {
                throw new RejectException(553, "5.7.1 Sender address rejected: not owned by user " + user);
            }
        }
        session.startMailTransaction();
        transaction(session).begin(sender, eightBit);
        session.sendResponse("250 2.1.0 Ok");
    }

    private boolean checkParameters(Map<String, String> params) throws RejectException {
        boolean eightBit = false;
        for (Map.Entry<String, String> p : params.entrySet()) {
            switch (p.getKey()) {
                case "SIZE" -> checkSize(p.getValue());
                case "BODY" -> {
                    String body = p.getValue().toUpperCase(Locale.ROOT);
                    if (!body.equals("7BIT") && !body.equals("8BITMIME")) {
                        throw new RejectException(555, "5.5.4 Unsupported BODY type " + p.getValue());
                    }
                    eightBit = body.equals("8BITMIME");
                }
                case "AUTH" -> {
                    // RFC 4954 §5: the submitter's identity; we rely on our own AUTH state instead
                }
                default -> throw new RejectException(555, "5.5.4 Unsupported parameter " + p.getKey());
            }
        }
        return eightBit;
    }

    private void checkSize(String value) throws RejectException {
        if (!value.matches("[0-9]+")) {
            throw new RejectException(501, "5.5.4 Syntax: SIZE needs a number");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 18 || Long.parseLong(digits) > settings.maxMessageSize) {
            throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
        }
    }
}
