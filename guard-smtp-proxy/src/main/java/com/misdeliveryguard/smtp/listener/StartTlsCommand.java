package com.misdeliveryguard.smtp.listener;

import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS (RFC 3207). Commands pipelined after STARTTLS in clear text are an injection attempt
 * (CVE-2011-0411 class): if any byte is already buffered when STARTTLS is read, the connection is
 * closed without a handshake. After the handshake the session starts from scratch (§4.2), with a
 * fresh input buffer over the TLS socket, so nothing from before it can survive.
 */
final class StartTlsCommand extends GuardCommand {

    private static final Logger log = LoggerFactory.getLogger(StartTlsCommand.class);
    private final ListenerSettings settings;

    StartTlsCommand(ListenerSettings settings) {
        super("STARTTLS", "Start TLS.");
        this.settings = settings;
    }

    @Override
    void run(String line, Session session) throws IOException, RejectException {
        if (!line.trim().toUpperCase(Locale.ROOT).equals("STARTTLS")) {
            throw new RejectException(501, "5.5.4 Syntax: STARTTLS takes no parameters");
        }
        if (settings.tls.isEmpty()) {
            throw new RejectException(454, "4.7.0 TLS not available");
        }
        if (session.isTLSStarted() || session.getSocket() instanceof SSLSocket) {
            throw new RejectException(503, "5.5.1 TLS already active");
        }
        if (session.getRawInput().available() > 0) {
            throw new DropConnectionException(554, "5.5.1 Commands pipelined after STARTTLS; closing connection");
        }
        session.sendResponse("220 2.0.0 Ready to start TLS");
        try {
            SSLSocket tls = session.getServer().createSSLSocket(session.getSocket());
            tls.startHandshake();
            session.setSocket(tls);
            session.resetSmtpProtocol();
            session.setTlsStarted(true);
        } catch (IOException e) {
            log.info("STARTTLS handshake with {} failed: {}", session.getRealRemoteAddress(), e.toString());
            throw new DropConnectionException(454, "4.7.0 TLS handshake failed");
        }
    }
}
