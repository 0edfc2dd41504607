package com.misdeliveryguard.smtp.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Angus's SMTP transport with the message written as DATA by a {@link DataStream} instead of Angus's
 * {@code SMTPOutputStream} (ADR 0018). Angus sends the {@code DATA} command and reads its 354 as always
 * ({@link #data}), and the final dot and its reply ({@link #finishData}); only the bytes between them go through
 * {@link DataStream}, into the same buffered stream of the connection that Angus writes its commands to (the
 * transport's private {@code serverOutput}, found once by reflection; with its write timeout and, after STARTTLS,
 * its TLS). When a later Angus no longer has that field, the transport writes through Angus's own stream as before,
 * and says so once in the log.
 */
final class UpstreamTransport extends SMTPTransport {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTransport.class);
    private static final Field SERVER_OUTPUT = serverOutputField();
    private DataStream data;

    UpstreamTransport(Session session, String protocol) {
        super(session, new URLName(protocol, null, -1, null, null, null));
    }

    /** Whether DATA is written by a {@link DataStream} (false only when Angus's internals changed). */
    static boolean writesItsOwnData() {
        return SERVER_OUTPUT != null;
    }

    @Override
    protected OutputStream data() throws MessagingException {
        data = null;
        OutputStream angus = super.data(); // DATA and its 354; nothing is written through this stream
        if (SERVER_OUTPUT == null) {
            return angus;
        }
        try {
            data = new DataStream((OutputStream) SERVER_OUTPUT.get(this));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("serverOutput was made accessible", e);
        }
        return data;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        if (data != null) {
            data.endLine();
            data = null;
        }
        super.finishData(); // Angus's stream wrote nothing, so it is at a line start: only the dot
    }

    private static Field serverOutputField() {
        try {
            Field field = SMTPTransport.class.getDeclaredField("serverOutput");
            if (!OutputStream.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("serverOutput is a " + field.getType().getName());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn("Angus's SMTP transport has no usable serverOutput ({}); DATA goes through its own stream, "
                    + "which costs more CPU per byte", e.toString());
            return null;
        }
    }
}
