package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * DATA (RFC 5321 §4.1.1.4): the message is streamed by {@link DataReader} into the spool and
 * committed (fsynced) before any 250. Then the {@link MessageIntake} runs the guard and the reply
 * says what happened. Order of replies after the data: framing violation (554, connection closed),
 * oversize (552), storage failure (451), then the intake's disposition.
 */
final class DataCommand extends GuardCommand {

    private static final Logger log = LoggerFactory.getLogger(DataCommand.class);
    /** The reply when writing or committing this message's bytes failed. */
    private static final String NOT_STORED = "4.3.0 Could not store the message, try again later";
    private final ListenerSettings settings;
    private final Spool spool;
    private final MessageIntake intake;
    private final Clock clock;

    DataCommand(ListenerSettings settings, Spool spool, MessageIntake intake, Clock clock) {
        super("DATA", "Send the message, ended by <CR><LF>.<CR><LF>");
        this.settings = settings;
        this.spool = spool;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    void run(String line, Session session) throws IOException, RejectException {
        if (!line.trim().equalsIgnoreCase("DATA")) {
            throw new RejectException(501, "5.5.4 Syntax: DATA takes no parameters");
        }
        if (!session.isMailTransactionInProgress()) {
            throw new RejectException(503, "5.5.1 Error: need MAIL command");
        }
        Transaction tx = transaction(session);
        if (tx.recipients().isEmpty()) {
            throw new RejectException(554, "5.5.1 Error: no valid recipients");
        }
        SpoolWriter writer;
        try {
            writer = spool.create();
        } catch (IOException e) {
            log.error("Cannot create a spool entry", e);
            throw storageFailed(e, CANNOT_STORE);
        }
        try (writer) {
            session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
            DataReader.Result result = new DataReader(settings.maxMessageSize, settings.dataDeadline,
                    settings.minDataRate, System::nanoTime).read(session.getRawInput(), writer);
            Envelope envelope = envelope(session, tx);
            session.resetMailTransaction();
            if (result.violation() != null) {
                throw new DropConnectionException(554, "5.5.2 Message refused: " + result.violation()
                        + " (only CRLF line ends are allowed, RFC 5321 §2.3.8); closing connection");
            }
            if (result.oversize()) {
                throw new RejectException(552, "5.3.4 Message size exceeds fixed maximum message size");
            }
            if (result.storeFailure() != null) {
                log.error("Writing to the spool failed", result.storeFailure());
                throw storageFailed(result.storeFailure(), NOT_STORED);
            }
            // storage failed while the data came in: answered as MAIL is now, before the message is kept or
            // checked (a check that reads the database would wait out the pool's timeout first)
            requireOpenGate(settings);
            SpooledMessage message = commit(writer, envelope);
            session.sendResponse(reply(intake.accept(message)));
        }
    }

    private SpooledMessage commit(SpoolWriter writer, Envelope envelope) throws RejectException {
        try {
            return writer.commit(envelope, SpooledMessage.Origin.SMTP);
        } catch (IOException e) {
            log.error("Committing message {} to the spool failed", writer.id(), e);
            throw storageFailed(e, NOT_STORED);
        }
    }

    /** Every 451 for a storage fault goes through here, so that the commit gate hears of it. */
    private RejectException storageFailed(Exception cause, String reply) {
        settings.commitGate.commitFailed(cause);
        return new RejectException(451, reply);
    }

    private Envelope envelope(Session session, Transaction tx) {
        Optional<String> user = session.isAuthenticated()
                ? Optional.of(String.valueOf(session.getAuthenticationHandler().get().getIdentity()))
                : Optional.empty();
        return new Envelope(tx.sender(), tx.recipients(), user,
                session.getRealRemoteAddress().getAddress().getHostAddress(),
                Helo.sanitize(session.getHelo().orElse("unknown")), session.isTLSStarted(), tx.eightBitMime(),
                clock.instant());
    }

    private String reply(MessageIntake.Disposition disposition) {
        if (disposition instanceof MessageIntake.Rejected rejected) {
            return rejected.reply();
        }
        if (disposition instanceof MessageIntake.TryLater later) {
            // the message's records (hold record, decision log) could not be committed: a storage fault too
            settings.commitGate.commitFailed(new IllegalStateException("records not committed: " + later.reply()));
            return later.reply();
        }
        return "250 2.0.0 Ok: queued as " + ((MessageIntake.Queued) disposition).id();
    }
}
