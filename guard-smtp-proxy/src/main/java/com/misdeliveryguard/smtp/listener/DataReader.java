package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.smtp.spool.SpoolWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.subethamail.smtp.DropConnectionException;

/**
 * Reads the DATA section of RFC 5321 §4.1.1.4 strictly, straight from the session's buffered input.
 *
 * <ul>
 *   <li>Only {@code CRLF . CRLF} ends the data. Bare CR, bare LF and NUL anywhere are violations
 *       (§2.3.8); they are never repaired, and a line start is only ever reached through CRLF, so
 *       {@code LF . LF}, {@code LF . CRLF}, {@code CR . CR} … never end the data: the smuggling
 *       sequences stay inside the (refused) message instead of becoming a second transaction.</li>
 *   <li>The whole section is always read to its real end, even after a violation, an oversize or a
 *       storage failure, so no byte of it is ever read as a command. Only a deadline or a too slow
 *       client ends the phase early, and then the connection is dropped.</li>
 *   <li>Leading dots are removed (§4.5.2); the size is counted here, after unstuffing.</li>
 *   <li>Never reads past the final {@code CRLF . CRLF}: pipelined commands after it stay in the buffer.</li>
 * </ul>
 */
final class DataReader {

    /** How the section ended; at most one of the flags matters for the reply, in this order. */
    record Result(String violation, boolean oversize, IOException storeFailure, long size) {
    }

    private enum State { LINE_START, IN_LINE, CR, DOT, DOT_CR }

    private static final long GRACE_NANOS = Duration.ofSeconds(30).toNanos();
    /**
     * The first reads' buffer: a small message is read whole with it. A read that fills it moves to
     * {@link #LARGE}: allocating 64 KiB for every message (and the session's buffered input growing to
     * the same mark limit) was a fifth of what a 1 KB message cost the heap.
     */
    private static final int SMALL = 8 * 1024;
    private static final int LARGE = 64 * 1024;
    private final long maxSize;
    private final long deadlineNanos;
    private final long minRate;
    private final LongSupplier nanoTime;

    DataReader(long maxSize, Duration deadline, long minBytesPerSecond, LongSupplier nanoTime) {
        this.maxSize = maxSize;
        this.deadlineNanos = deadline.toNanos();
        this.minRate = minBytesPerSecond;
        this.nanoTime = nanoTime;
    }

    Result read(InputStream in, SpoolWriter writer) throws IOException, DropConnectionException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("needs a stream that supports mark/reset");
        }
        byte[] buf = new byte[SMALL];
        State state = State.LINE_START;
        String violation = null;
        IOException storeFailure = null;
        long size = 0;
        long received = 0;
        long start = nanoTime.getAsLong();
        while (true) {
            in.mark(buf.length);
            int n = in.read(buf);
            if (n < 0) {
                throw new DropConnectionException(421, "4.4.2 Connection closed during DATA");
            }
            received += n;
            checkPace(start, received);
            int segment = 0;
            int end = -1;
            for (int i = 0; i < n && end < 0; i++) {
                if (state == State.IN_LINE) {
                    i = special(buf, i, n); // the ordinary bytes of a line change nothing
                    if (i == n) {
                        break;
                    }
                }
                byte b = buf[i];
                if (b == 0 && violation == null) {
                    violation = "NUL character in message data";
                }
                switch (state) {
                    case LINE_START -> {
                        if (b == '.') {
                            storeFailure = store(writer, buf, segment, i, size, storeFailure, violation);
                            size += i - segment;
                            segment = i + 1;
                            state = State.DOT;
                        } else {
                            state = next(b, State.IN_LINE);
                            violation = bareLf(b, violation);
                        }
                    }
                    case IN_LINE -> {
                        state = next(b, State.IN_LINE);
                        violation = bareLf(b, violation);
                    }
                    case CR -> {
                        if (b == '\n') {
                            state = State.LINE_START;
                        } else {
                            violation = violation == null ? "bare CR in message data" : violation;
                            state = next(b, State.IN_LINE);
                        }
                    }
                    case DOT -> {
                        if (b == '\r') {
                            segment = i + 1; // the CR of a possible final ".CRLF" is never stored
                            state = State.DOT_CR;
                        } else {
                            state = State.IN_LINE;
                            violation = bareLf(b, violation);
                        }
                    }
                    case DOT_CR -> {
                        if (b == '\n') {
                            end = i;
                        } else {
                            violation = violation == null ? "bare CR in message data" : violation;
                            state = next(b, State.IN_LINE);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            int stop = end >= 0 ? end : n;
            if (stop > segment) {
                storeFailure = store(writer, buf, segment, stop, size, storeFailure, violation);
                size += stop - segment;
            }
            if (end >= 0) {
                in.reset();
                in.skipNBytes(end + 1);
                return new Result(violation, size > maxSize, storeFailure, size);
            }
            if (n == buf.length && buf.length < LARGE) {
                buf = new byte[LARGE];
            }
        }
    }

    private IOException store(SpoolWriter writer, byte[] buf, int from, int to, long sizeSoFar,
            IOException failure, String violation) {
        if (failure != null || violation != null || to <= from || sizeSoFar + (to - from) > maxSize) {
            return failure;
        }
        try {
            writer.write(buf, from, to - from);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /** The index of the first CR, LF or NUL at or after {@code from}, or {@code n}. */
    private static int special(byte[] buf, int from, int n) {
        for (int i = from; i < n; i++) {
            byte b = buf[i];
            if (b == '\r' || b == '\n' || b == 0) {
                return i;
            }
        }
        return n;
    }

    private static State next(byte b, State otherwise) {
        if (b == '\r') {
            return State.CR;
        }
        return otherwise;
    }

    private static String bareLf(byte b, String violation) {
        return b == '\n' && violation == null ? "bare LF in message data" : violation;
    }

    private void checkPace(long start, long received) throws DropConnectionException {
        long elapsed = nanoTime.getAsLong() - start;
        if (elapsed > deadlineNanos) {
            throw new DropConnectionException(421, "4.4.2 DATA took too long, closing connection");
        }
        if (elapsed > GRACE_NANOS && received * 1_000_000_000L / elapsed < minRate) {
            throw new DropConnectionException(421, "4.4.2 Data rate too low, closing connection");
        }
    }
}
