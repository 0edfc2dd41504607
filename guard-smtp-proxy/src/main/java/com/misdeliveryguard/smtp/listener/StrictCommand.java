package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import java.util.Set;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Wraps every command: refuses command lines with NUL or other control characters (SubEthaSMTP
 * only checks CR/LF pairing), enforces {@code require} TLS, and tells {@link Connections} when the
 * command deadline stops and starts again.
 */
final class StrictCommand implements Command {

    private static final Set<String> ALLOWED_BEFORE_TLS = Set.of("EHLO", "HELO", "STARTTLS", "NOOP", "RSET", "QUIT");
    private final Command delegate;
    private final Connections connections;
    private final boolean requireTls;

    StrictCommand(Command delegate, Connections connections, boolean requireTls) {
        this.delegate = delegate;
        this.connections = connections;
        this.requireTls = requireTls;
    }

    @Override
    public void execute(String line, Session session) throws IOException, DropConnectionException {
        connections.executing(session);
        try {
            if (hasControlCharacter(line)) {
                throw new DropConnectionException(500, "5.5.2 Syntax error: control character in command");
            }
            if (requireTls && !session.isTLSStarted() && !ALLOWED_BEFORE_TLS.contains(getName())) {
                session.sendResponse("530 5.7.0 Must issue a STARTTLS command first");
                return;
            }
            delegate.execute(line, session);
        } finally {
            connections.waiting(session);
        }
    }

    private static boolean hasControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    @Override
    public HelpMessage getHelp() throws CommandException {
        return delegate.getHelp();
    }

    @Override
    public String getName() {
        return delegate.getName();
    }
}
