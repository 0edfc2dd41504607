package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static com.misdeliveryguard.smtp.delivery.TestMessages.sender;
import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 100 MB message goes upstream as a stream: the sink receives every byte (checked by length and
 * SHA-256), and the delivering thread allocates far less than the message size, so the message is
 * never held in memory.
 */
class LargeMessageStreamingTest {

    private static final int LINE = 128;
    private static final int LINES = 100 * 1024 * 1024 / LINE;
    private static final byte[] HEADER = "Subject: big\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    @Timeout(60)
    void streamsAHundredMegabyteMessageWithoutHoldingIt() throws Exception {
        OutboundMessage m = new OutboundMessage("BIG1", sender("alice@example.com"), addresses("bob@example.org"), true,
                TestMessages.trace("BIG1", addresses("bob@example.org")), GeneratedMessage::new);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        try (SmtpSink sink = SmtpSink.start()) {
            SmtpUpstream upstream = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                    .timeouts(Duration.ofSeconds(20)).build());
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

            DeliveryReport report = upstream.deliver(m);

            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
            assertThat(allocated).as("bytes allocated while delivering").isLessThan(32L * 1024 * 1024);
            long expectedSize = m.traceHeader().length() + HEADER.length + (long) LINES * LINE;
            assertThat(sink.transactions()).singleElement().satisfies(t -> {
                assertThat(t.size()).isEqualTo(expectedSize);
                assertThat(t.sha256()).isEqualTo(expectedSha256(m.traceHeader()));
            });
        }
    }

    private static String expectedSha256(String traceHeader) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(traceHeader.getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new GeneratedMessage()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A header, then {@value #LINES} lines of {@value #LINE} bytes; every 1000th line starts with a dot
     * so dot-stuffing is exercised throughout. Generated on the fly, never materialized.
     */
    private static final class GeneratedMessage extends InputStream {

        private final byte[] plain = line('L');
        private final byte[] dotted = line('.');
        private long position;

        private static byte[] line(char first) {
            byte[] line = new byte[LINE];
            for (int i = 0; i < LINE - 2; i++) {
                line[i] = (byte) ('a' + i % 26);
            }
            line[0] = (byte) first;
            line[LINE - 2] = '\r';
            line[LINE - 1] = '\n';
            return line;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = HEADER.length + (long) LINES * LINE;
            if (position >= total) {
                return -1;
            }
            int n = 0;
            while (n < len && position < total) {
                if (position < HEADER.length) {
                    b[off + n++] = HEADER[(int) position++];
                    continue;
                }
                long body = position - HEADER.length;
                long lineNo = body / LINE;
                int column = (int) (body % LINE);
                byte[] source = lineNo % 1000 == 0 ? dotted : plain;
                int count = Math.min(len - n, LINE - column);
                System.arraycopy(source, column, b, off + n, count);
                n += count;
                position += count;
            }
            return n;
        }
    }
}
