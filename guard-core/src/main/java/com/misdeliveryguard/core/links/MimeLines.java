package com.misdeliveryguard.core.links;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The stored message as lines, for a rewriter that must copy every byte it does not change: each
 * {@link Line} is the exact bytes up to and including its LF. A line longer than {@value #CHUNK}
 * bytes comes in pieces (only the first {@link Line#lineStart() starts a line}); such a line can never
 * be a boundary, so nothing is lost by not holding it whole. One line can be pushed back.
 *
 * <p>Also knows the boundaries of the multiparts it is inside (innermost last): RFC 2046 §5.1.1, a
 * delimiter line is {@code --boundary} optionally followed by {@code --}, then only linear white space.
 */
final class MimeLines {

    static final int CHUNK = 8192;

    /** One line or piece of a line. */
    record Line(byte[] bytes, boolean lineStart) {

        boolean endsWithCrlf() {
            int n = bytes.length;
            return n >= 2 && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
        }

        /** The bytes without the final CRLF. */
        int contentLength() {
            return endsWithCrlf() ? bytes.length - 2 : bytes.length;
        }

        boolean isEmptyLine() {
            return lineStart && bytes.length == 2 && endsWithCrlf();
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean atLineStart = true;
    private Line pushedBack;
    private final Deque<byte[]> boundaries = new ArrayDeque<>();

    MimeLines(InputStream in) {
        this.in = in;
    }

    /** The next line or piece, or null at the end of the message. */
    Line next() throws IOException {
        if (pushedBack != null) {
            Line l = pushedBack;
            pushedBack = null;
            return l;
        }
        byte[] line = new byte[256];
        int n = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    break;
                }
            }
            byte b = buffer[position++];
            if (n == line.length) {
                line = Arrays.copyOf(line, Math.min(line.length * 2, CHUNK + 1));
            }
            line[n++] = b;
            if (b == '\n' || (n >= CHUNK && b != '\r')) {
                break;
            }
        }
        if (n == 0) {
            return null;
        }
        boolean start = atLineStart;
        atLineStart = line[n - 1] == '\n';
        return new Line(Arrays.copyOf(line, n), start);
    }

    void pushBack(Line line) {
        if (pushedBack != null) {
            throw new IllegalStateException("one line only");
        }
        pushedBack = line;
    }

    void enter(String boundary) {
        boundaries.addLast(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
    }

    void leave() {
        boundaries.removeLast();
    }

    /** Whether the line is a delimiter (or close delimiter) of any multipart we are inside. */
    boolean isAnyDelimiter(Line line) {
        for (byte[] b : boundaries) {
            if (matches(line, b) != Match.NONE) {
                return true;
            }
        }
        return false;
    }

    enum Match { NONE, DELIMITER, CLOSE }

    /** How the line matches the innermost boundary. */
    Match innermost(Line line) {
        return boundaries.isEmpty() ? Match.NONE : matches(line, boundaries.peekLast());
    }

    private static Match matches(Line line, byte[] delimiter) {
        if (!line.lineStart()) {
            return Match.NONE;
        }
        byte[] b = line.bytes();
        int end = line.contentLength();
        if (end < delimiter.length || !Arrays.equals(b, 0, delimiter.length, delimiter, 0, delimiter.length)) {
            return Match.NONE;
        }
        int i = delimiter.length;
        Match match = Match.DELIMITER;
        if (i + 2 <= end && b[i] == '-' && b[i + 1] == '-') {
            match = Match.CLOSE;
            i += 2;
        }
        for (; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return Match.NONE;
            }
        }
        return match;
    }
}
