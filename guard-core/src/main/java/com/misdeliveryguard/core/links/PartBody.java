package com.misdeliveryguard.core.links;

import java.io.IOException;
import java.io.InputStream;

/**
 * The transfer-encoded body of one leaf entity, read from {@link MimeLines} up to the next delimiter
 * of any enclosing multipart (which is pushed back for the caller). The CRLF before a delimiter
 * belongs to the delimiter (RFC 2046 §5.1.1), so it is withheld; {@link #withheldCrlf()} tells whether
 * there was one, for callers that copy the body verbatim.
 */
final class PartBody extends InputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private final MimeLines lines;
    private byte[] current = new byte[0];
    private int position;
    private boolean pendingCrlf;
    private boolean done;
    private boolean withheld;

    PartBody(MimeLines lines) {
        this.lines = lines;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position == current.length) {
            if (done) {
                return false;
            }
            fetch();
        }
        return true;
    }

    private void fetch() throws IOException {
        MimeLines.Line line = lines.next();
        position = 0;
        if (line == null) {
            done = true;
            current = pendingCrlf ? CRLF : new byte[0];
            pendingCrlf = false;
            return;
        }
        if (lines.isAnyDelimiter(line)) {
            lines.pushBack(line);
            done = true;
            withheld = pendingCrlf;
            pendingCrlf = false;
            current = new byte[0];
            return;
        }
        int length = line.contentLength();
        int offset = pendingCrlf ? 2 : 0;
        current = new byte[offset + length];
        if (pendingCrlf) {
            current[0] = '\r';
            current[1] = '\n';
        }
        System.arraycopy(line.bytes(), 0, current, offset, length);
        pendingCrlf = line.endsWithCrlf();
    }

    /** Reads to the end of the body. */
    void drain() throws IOException {
        byte[] skip = new byte[8192];
        while (read(skip, 0, skip.length) >= 0) {
            // discard
        }
    }

    /** After the end: whether a CRLF stood before the delimiter that ended the body. */
    boolean withheldCrlf() {
        return withheld;
    }
}
