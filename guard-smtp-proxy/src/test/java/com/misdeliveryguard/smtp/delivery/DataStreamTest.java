package com.misdeliveryguard.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link DataStream} writes what Angus's {@code SMTPOutputStream} writes, byte for byte, however the message is
 * cut into writes: dots doubled at line starts, bare CR and LF made CRLF, and a last line ended before the dot.
 */
class DataStreamTest {

    @Test
    void shouldDoubleADotThatBeginsALineAndNoOther() throws IOException {
        assertThat(ours(".first\r\nx.y\r\n..two\r\n.\r\nend.\r\n", 1000))
                .isEqualTo("..first\r\nx.y\r\n...two\r\n..\r\nend.\r\n");
    }

    @Test
    void shouldMakeBareLineEndsCrlfAndEndTheLastLine() throws IOException {
        assertThat(ours("a\nb\rc\r\r\n.d\r", 1000)).isEqualTo("a\r\nb\r\nc\r\n\r\n..d\r\n");
        assertThat(ours("no line end", 1000)).isEqualTo("no line end\r\n");
        assertThat(ours("", 1000)).isEmpty();
    }

    @Test
    void shouldWriteWhatAngusWritesForAnyInputCutAnyWay() throws IOException {
        Random random = new Random(20261207);
        // 8-bit bytes whose low seven bits are LF, CR and the dot, a space, a NUL: none of them begins a line
        byte[] alphabet = {'.', '\r', '\n', 'a', 'b', ' ', 0, (byte) 0x8a, (byte) 0x8d, (byte) 0xae};
        for (int round = 0; round < 2000; round++) {
            byte[] message = new byte[random.nextInt(200)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int cut = 1 + random.nextInt(16);
            assertThat(ours(message, cut)).as("round %d, writes of %d bytes", round, cut).isEqualTo(angus(message, cut));
        }
    }

    @Test
    void shouldTreatASingleByteWriteAsABufferOfOne() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataStream data = new DataStream(wire);
        for (byte b : ".a\n.".getBytes(StandardCharsets.US_ASCII)) {
            data.write(b);
        }
        data.endLine();
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("..a\r\n..\r\n");
    }

    /** An Angus without the field the transport writes DATA to would fall back silently to its slower stream. */
    @Test
    void theTransportFindsTheConnectionsStreamInThisAngus() {
        assertThat(UpstreamTransport.writesItsOwnData()).isTrue();
    }

    private static String ours(String message, int cut) throws IOException {
        return ours(message.getBytes(StandardCharsets.US_ASCII), cut);
    }

    private static String ours(byte[] message, int cut) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataStream data = new DataStream(wire);
        writeCut(data, message, cut);
        data.endLine();
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    /** What Angus's own DATA stream writes: the oracle. */
    private static String angus(byte[] message, int cut) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (SMTPOutputStream data = new SMTPOutputStream(wire)) {
            writeCut(data, message, cut);
            data.ensureAtBOL();
        }
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    private static void writeCut(java.io.OutputStream out, byte[] message, int cut) throws IOException {
        for (int at = 0; at < message.length; at += cut) {
            out.write(message, at, Math.min(cut, message.length - at));
        }
    }
}
