package com.misdeliveryguard.smtp.delivery;

import jakarta.mail.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * The message as Jakarta Mail sees it: no parsed content at all, only an envelope sender and a
 * {@link #writeTo} that copies the trace header and then the stored bytes, byte for byte, streamed.
 *
 * <p>Jakarta Mail's DATA stream still dot-stuffs and would turn a bare CR or LF into CRLF; the
 * listener refuses such input, so the stored bytes are already canonical and pass unchanged. Nothing
 * here ever calls {@code saveChanges()}: headers are never rewritten.
 */
final class StreamedMessage extends SMTPMessage {

    private static final int BUFFER = 64 * 1024;

    private final byte[] traceHeader;
    private final OutboundMessage.Content content;

    /**
     * @param mailExtension MAIL FROM parameters (e.g. {@code BODY=8BITMIME}) or {@code null}
     */
    StreamedMessage(Session session, OutboundMessage message, String mailExtension) {
        super(session);
        this.traceHeader = message.traceHeader().getBytes(StandardCharsets.US_ASCII);
        this.content = message.content();
        // "<>" for the null sender: an empty string would make Angus fall back to the header From.
        setEnvelopeFrom(message.sender().toSmtpPath());
        setMailExtension(mailExtension);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        out.write(traceHeader);
        try (InputStream in = openContent()) {
            // what the stored file has left, at least 8 KiB (a stream that does not know), at most BUFFER
            byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(8192, available(in) + 1L))];
            int n;
            while ((n = read(in, buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
        try {
            content.ready(); // Angus sends the final dot only after this returns, and none when it throws
        } catch (IOException e) {
            throw new EndOfDataWithheld(e);
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }

    /** The stored bytes are final: nothing to update. */
    @Override
    public void saveChanges() {
        // deliberately empty
    }

    private InputStream openContent() throws ContentReadException {
        try {
            return content.open();
        } catch (IOException e) {
            throw new ContentReadException(e);
        }
    }

    private static int available(InputStream in) throws ContentReadException {
        try {
            return in.available();
        } catch (IOException e) {
            throw new ContentReadException(e);
        }
    }

    private static int read(InputStream in, byte[] buffer) throws ContentReadException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new ContentReadException(e);
        }
    }

    /**
     * The stored message could not be read (a local fault, not the upstream's). Jakarta Mail then drops
     * the connection before the final dot, so the upstream never accepts a truncated message.
     */
    static final class ContentReadException extends IOException {

        private static final long serialVersionUID = 1L;

        ContentReadException(IOException cause) {
            super("stored message could not be read: " + cause.getMessage(), cause);
        }
    }

    /**
     * The message may not leave yet ({@link OutboundMessage.Content#ready}): as for {@link ContentReadException},
     * Jakarta Mail drops the connection before the final dot, and the upstream keeps nothing.
     */
    static final class EndOfDataWithheld extends IOException {

        private static final long serialVersionUID = 1L;

        EndOfDataWithheld(IOException cause) {
            super("end of data withheld: " + cause.getMessage(), cause);
        }
    }
}
