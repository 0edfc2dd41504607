package com.misdeliveryguard.smtp.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The message as SMTP DATA (RFC 5321 §4.5.2): a {@code .} that begins a line is doubled, and line ends are
 * CRLF — a bare CR or LF becomes CRLF, as Angus's own DATA stream makes it. The same bytes as Angus's
 * {@code SMTPOutputStream} writes, for far less work: the stored bytes are canonical already (the listener refuses
 * bare line ends), so a buffer is one scan and, unless a line in it begins with a dot, one write. Angus's stream
 * writes every line and every CRLF separately into a synchronized stream, after two loops over every byte (ADR 0018).
 *
 * <p>Like Angus's, it buffers nothing and never flushes: the transport flushes once the final dot is written too.
 * {@link #endLine} before the final dot.
 */
final class DataStream extends FilterOutputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LF = {'\n'};
    private static final byte[] DOT = {'.'};
    /** The last byte written; {@code '\n'} before the first, which begins a line. */
    private int last = '\n';

    DataStream(OutputStream server) {
        super(server);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * One pass over the buffer in which a byte above {@code '.'} (letters, digits, 8-bit: nearly every byte) costs one
     * comparison; CR, LF and the dot are looked at with the byte before them. A bare CR is found by the byte after it
     * (in the next buffer when it is the last one here).
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        int end = off + len;
        int start = off;
        if (last == '\r' && b[off] != '\n') { // a bare CR that ended the buffer before: its LF
            out.write(LF);
        }
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xff;
            if (c > '.') {
                continue;
            }
            if (c == '\n') {
                if ((i > off ? b[i - 1] : last) != '\r') { // a bare LF: CRLF instead
                    out.write(b, start, i - start);
                    out.write(CRLF);
                    start = i + 1;
                }
            } else if (c == '\r') {
                if (i + 1 < end && b[i + 1] != '\n') { // a bare CR: its LF
                    out.write(b, start, i + 1 - start);
                    out.write(LF);
                    start = i + 1;
                }
            } else if (c == '.') {
                int before = i > off ? b[i - 1] : last;
                if (before == '\n' || before == '\r') { // a dot that begins a line (after a bare CR too)
                    out.write(b, start, i - start);
                    out.write(DOT); // the line's own dot follows with the rest of the run
                    start = i;
                }
            }
        }
        if (end > start) {
            out.write(b, start, end - start);
        }
        last = b[end - 1];
    }

    /** Ends the last line when the message did not (the final dot must begin a line). */
    void endLine() throws IOException {
        if (last == '\r') {
            out.write(LF);
        } else if (last != '\n') {
            out.write(CRLF);
        }
        last = '\n';
    }

    /** Nothing buffered here: the transport flushes after the final dot. */
    @Override
    public void flush() {
        // deliberately empty, as Angus's SMTPOutputStream
    }

    /** The connection stays open for the final dot and the next message. */
    @Override
    public void close() {
        // deliberately empty
    }
}
