package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/**
 * Base of the guard's own SMTP commands. A subclass implements {@link #run}; a
 * {@link RejectException} thrown there becomes the reply (and is control flow, not an error),
 * a {@link DropConnectionException} ends the session after its reply.
 */
abstract class GuardCommand implements Command {

    private final String name;
    private final HelpMessage help;

    GuardCommand(String name, String help) {
        this.name = name;
        this.help = new HelpMessage(name, help);
    }

    @Override
    public final void execute(String line, Session session) throws IOException, DropConnectionException {
        try {
            run(line, session);
        } catch (DropConnectionException e) {
            throw e;
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
        }
    }

    abstract void run(String line, Session session) throws IOException, RejectException;

    @Override
    public HelpMessage getHelp() {
        return help;
    }

    @Override
    public String getName() {
        return name;
    }

    /** The reply when storage cannot take a message now (the client keeps it and retries). */
    static final String CANNOT_STORE = "4.3.0 Cannot store messages right now, try again later";

    /**
     * 451 while the {@link CommitGate} says a message cannot be committed: at MAIL, and again at the end of data for a
     * gate that closed while the data came in. No commit was tried, so the gate is told of no failure.
     */
    static void requireOpenGate(ListenerSettings settings) throws RejectException {
        if (!settings.commitGate.open()) {
            throw new RejectException(451, CANNOT_STORE);
        }
    }

    static Transaction transaction(Session session) {
        return (Transaction) session.getMessageHandler();
    }

    static boolean isLoopback(Session session) {
        return session.getRealRemoteAddress().getAddress().isLoopbackAddress();
    }
}
