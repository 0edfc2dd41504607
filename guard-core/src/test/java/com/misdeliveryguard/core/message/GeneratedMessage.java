package com.misdeliveryguard.core.message;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * A message produced while it is read: a head, one line repeated many times, a tail. Lets a test feed
 * the parser tens of megabytes without any array of that size existing anywhere.
 */
final class GeneratedMessage {

    private GeneratedMessage() {
    }

    static InputStream of(String head, String line, long repetitions, String tail) {
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(Eml.text(head)),
                new RepeatedLine(Eml.text(line), repetitions),
                new ByteArrayInputStream(Eml.text(tail)))));
    }

    /** {@code line} repeated {@code repetitions} times. */
    private static final class RepeatedLine extends InputStream {

        private final byte[] line;
        private final long total;
        private long position;

        RepeatedLine(byte[] line, long repetitions) {
            this.line = line;
            this.total = line.length * repetitions;
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            return line[(int) (position++ % line.length)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = line[(int) ((position + i) % line.length)];
            }
            position += n;
            return n;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
