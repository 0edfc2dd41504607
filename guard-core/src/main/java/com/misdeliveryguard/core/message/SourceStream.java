package com.misdeliveryguard.core.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's stream, remembering whether it failed. mime4j reports its own limits as
 * {@code IOException}s too; only a failure of the stream itself may leave the parser as an exception,
 * everything else is a problem of the message. {@link #cut()} ends the stream early: the way to stop
 * mime4j, whose own {@code stop()} can leave nested multiparts spinning (0.8.14).
 */
final class SourceStream extends FilterInputStream {

    private IOException failure;
    private boolean cut;

    SourceStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (cut) {
            return -1;
        }
        try {
            return super.read();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cut) {
            return -1;
        }
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (cut) {
            return 0;
        }
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public int available() throws IOException {
        if (cut) {
            return 0;
        }
        try {
            return super.available();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void close() {
        // the caller owns the stream
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    /** Reads no further: from now on the stream is at its end. */
    void cut() {
        cut = true;
    }

    /** Throws the stream's own I/O error, if there was one. */
    void rethrowFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
