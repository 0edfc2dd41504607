package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DATA reader unstuffs, stops exactly after CRLF.CRLF and leaves what follows in the buffer,
 * whatever the chunking of the network reads.
 */
class DataReaderTest {

    @TempDir
    Path dir;

    private final DataReader reader = new DataReader(10_000_000, Duration.ofMinutes(1), 1, System::nanoTime);

    @Test
    void shouldUnstuffAndStopAtTheEndMarkerForEveryChunking() throws Exception {
        Random random = new Random(42);
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        for (int round = 0; round < 200; round++) {
            StringBuilder message = new StringBuilder();
            int lines = random.nextInt(40);
            for (int i = 0; i < lines; i++) {
                String[] pieces = {".", "..", "x", ".x", "", "abc", "...", " ."};
                message.append(pieces[random.nextInt(pieces.length)]).append(pieces[random.nextInt(pieces.length)])
                        .append("\r\n");
            }
            String original = message.toString();
            String wire = (original.startsWith(".") ? "." : "") + original.replace("\r\n.", "\r\n..") + ".\r\nQUIT\r\n";
            InputStream in = new BufferedInputStream(new Trickle(wire.getBytes(StandardCharsets.US_ASCII), random), 16);
            try (SpoolWriter writer = spool.create()) {
                DataReader.Result result = reader.read(in, writer);
                assertThat(result.violation()).isNull();
                SpooledMessage stored = writer.commit(envelope(), SpooledMessage.Origin.SMTP);
                try (InputStream content = spool.openContent(QueueState.INCOMING, stored.id())) {
                    assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(original);
                }
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
                spool.delete(QueueState.INCOMING, stored.id());
            }
        }
    }

    /** Large messages on a fast connection, whose end marker falls anywhere in or across the reader's buffers. */
    @Test
    void shouldReadLargeMessagesWhoseEndFallsAnywhereInItsBuffers() throws Exception {
        Random random = new Random(7);
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        // the reader starts with 8 KiB and moves to 64 KiB after a full read: ends near both, and near 8 + 64 KiB
        for (int size : new int[] {4093, 8_189, 8_192, 8_195, 65_533, 65_536, 65_539, 73_725, 73_728, 73_731, 131_069,
            131_072, 300_000 + random.nextInt(70_000)}) {
            StringBuilder message = new StringBuilder();
            while (message.length() < size) {
                message.append(random.nextInt(5) == 0 ? "." : "x").append("y".repeat(random.nextInt(90))).append("\r\n");
            }
            String original = message.toString();
            String wire = (original.startsWith(".") ? "." : "") + original.replace("\r\n.", "\r\n..") + ".\r\nQUIT\r\n";
            InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)),
                    128 * 1024);
            try (SpoolWriter writer = spool.create()) {
                assertThat(reader.read(in, writer).violation()).isNull();
                SpooledMessage stored = writer.commit(envelope(), SpooledMessage.Origin.SMTP);
                try (InputStream content = spool.openContent(QueueState.INCOMING, stored.id())) {
                    assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(original);
                }
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
                spool.delete(QueueState.INCOMING, stored.id());
            }
        }
    }

    @Test
    void shouldReportTheFirstViolationButReadToTheRealEnd() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        byte[] wire = "a\rb\r\nc\nd\r\n.\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII);
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire));
        try (SpoolWriter writer = spool.create()) {
            assertThat(reader.read(in, writer).violation()).isEqualTo("bare CR in message data");
        }
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    /** Inside a line the reader skips to the next CR, LF or NUL: one in the middle of a long line is still found. */
    @ParameterizedTest(name = "byte {0} at {1}")
    @CsvSource({"10, 5", "10, 65540", "13, 65535", "13, 70000", "0, 65536", "0, 3"})
    void shouldFindABareLineEndOrNulAnywhereInALongLine(int bad, int at) throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        byte[] line = "x".repeat(80_000).getBytes(StandardCharsets.US_ASCII);
        line[at] = (byte) bad;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write("Subject: long\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        wire.write(line);
        wire.write("\r\n.\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wire.toByteArray()));
        try (SpoolWriter writer = spool.create()) {
            assertThat(reader.read(in, writer).violation())
                    .isEqualTo(bad == 10 ? "bare LF in message data" : bad == 13 ? "bare CR in message data"
                            : "NUL character in message data");
        }
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    private static Envelope envelope() {
        return new Envelope(ReversePath.NULL, List.of(MailAddress.of("bob@example.org")), Optional.empty(), "127.0.0.1",
                "test", false, false, Instant.now());
    }

    /** Returns 1–7 bytes per read and claims nothing is available, like a slow network. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
