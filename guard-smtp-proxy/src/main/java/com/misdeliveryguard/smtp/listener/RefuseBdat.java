package com.misdeliveryguard.smtp.listener;

import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * CHUNKING is not offered. A client that sends BDAT anyway is followed by chunk bytes that must
 * never be read as commands, so the connection is closed after the reply.
 */
final class RefuseBdat extends GuardCommand {

    RefuseBdat() {
        super("BDAT", "Not offered.");
    }

    @Override
    void run(String line, Session session) throws DropConnectionException {
        throw new DropConnectionException(502, "5.5.1 BDAT (CHUNKING) is not offered; closing connection");
    }
}
