package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A text part read only as far as its opening lines need ({@link BodyText#openingLines}) gives what reading it
 * whole gives ({@link BodyText#read} and {@link OpeningLines#of}): the same lines and the same problems.
 */
class BodyTextTest {

    private static final int CAP = 256 * 1024;
    private static final List<String> LINES = List.of(
            "Dear Ms. Sato,", "thank you for the documents.", "", "", "> quoted from before", "＞ 鈴木様",
            "お世話になっております。株式会社青葉商事の鈴木です。", "-- ", "----------", "Ken Suzuki wrote:",
            "On Tue, Apr 1, 2025 at 10:15 AM Ken Suzuki <k.suzuki@aoba-shoji.co.jp>", "<k.suzuki@aoba-shoji.co.jp> wrote:",
            "From: Ken Suzuki", "Sent: Tuesday, April 1, 2025", "差出人: 鈴木 健", "送信日時: 2025年4月1日",
            "-----Original Message-----", "x".repeat(76), "y".repeat(900), "  indented\u00a0line\t", "résumé naïve");
    private static final List<String> CHARSETS = List.of("", "us-ascii", "utf-8", "iso-2022-jp", "shift_jis",
            "utf-16", "iso-8859-1", "no-such-charset");
    private static final List<String> ENCODINGS = List.of("7bit", "8bit", "quoted-printable", "base64");

    @Test
    void readsAsFarAsItsOpeningLinesAndFindsWhatTheWholePartGives() throws IOException {
        Random random = new Random(14);
        for (int n = 0; n < 1500; n++) {
            String charsetName = CHARSETS.get(random.nextInt(CHARSETS.size()));
            String encoding = ENCODINGS.get(random.nextInt(ENCODINGS.size()));
            byte[] encoded = encode(body(random), charsetName, encoding, random.nextInt(8) == 0);
            Optional<String> declared = charsetName.isEmpty() ? Optional.empty() : Optional.of(charsetName);

            Problems wholeProblems = new Problems();
            String whole = OpeningLines.of(BodyText.read(new ByteArrayInputStream(encoded), encoding, declared, CAP,
                    wholeProblems));
            Problems problems = new Problems();
            String opening = BodyText.openingLines(new ByteArrayInputStream(encoded), encoding, declared, CAP, problems);

            String what = "case " + n + " (" + charsetName + ", " + encoding + ", " + encoded.length + " bytes)";
            assertThat(opening).as(what).isEqualTo(whole);
            assertThat(problems.toList()).as(what).isEqualTo(wholeProblems.toList());
        }
    }

    @Test
    void readsALongPlainBodyOnlyAsFarAsItsTwentiethLine() throws IOException {
        byte[] body = ("Dear Ms. Sato,\r\n" + ("x".repeat(76) + "\r\n").repeat(2000)).getBytes(Charset.forName("us-ascii"));
        Counting in = new Counting(new ByteArrayInputStream(body));

        String opening = BodyText.openingLines(in, "7bit", Optional.empty(), CAP, new Problems());

        assertThat(opening.lines()).hasSize(OpeningLines.MAX_LINES).startsWith("Dear Ms. Sato,");
        assertThat(in.read).as("bytes read of %s", body.length).isEqualTo(BodyText.FIRST_BYTES);
    }

    @Test
    void readsPastAnyNumberOfQuotedLinesToTheOwnOnes() throws IOException {
        String text = ("> an older message quoted\r\n").repeat(3_000) + "Dear Ms. Sato,\r\nthe own line.\r\n"
                + "x\r\n".repeat(50_000);
        Counting in = new Counting(new ByteArrayInputStream(text.getBytes(Charset.forName("utf-8"))));

        String opening = BodyText.openingLines(in, "8bit", Optional.of("utf-8"), CAP, new Problems());

        assertThat(opening).startsWith("Dear Ms. Sato,\nthe own line.\nx\nx");
        assertThat(in.read).as("81 KB of quoted lines: read 8 KB, then 16, 32, 64 and 128").isEqualTo(128 * 1024);
    }

    @Test
    void reportsDamagedBase64PastTheOpeningLinesAsBefore() throws IOException {
        byte[] good = encode(("Dear Ms. Sato,\r\n" + "line\r\n".repeat(30_000)), "utf-8", "base64", false);
        byte[] damaged = new String(good, Charset.forName("us-ascii")).replaceFirst("(?s)^(.{100000}).", "$1*")
                .getBytes(Charset.forName("us-ascii"));
        Problems problems = new Problems();

        BodyText.openingLines(new ByteArrayInputStream(damaged), "base64", Optional.of("utf-8"), CAP, problems);

        assertThat(problems.toList()).containsExactly("undecodable base64");
    }

    /** 0 to 3,000 lines, from the list or one of a run of quoted lines; now and then no line end at the very end. */
    private static String body(Random random) {
        StringBuilder body = new StringBuilder();
        int lines = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(3000);
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(50) == 0) {
                body.append("> quoted\r\n".repeat(random.nextInt(2000)));
            }
            String line = LINES.get(random.nextInt(LINES.size()));
            String end = switch (random.nextInt(20)) {
                case 0 -> "\n";
                case 1 -> "\r";
                default -> "\r\n";
            };
            body.append(line).append(end);
        }
        if (random.nextBoolean() && body.length() > 0) {
            body.setLength(body.length() - 1);
        }
        return body.toString();
    }

    private static byte[] encode(String text, String charsetName, String encoding, boolean damage) throws IOException {
        Charset charset = MailCharsets.forName(charsetName.isEmpty() ? "utf-8" : charsetName)
                .orElse(Charset.forName("utf-8"));
        byte[] bytes = text.getBytes(charset);
        byte[] encoded = switch (encoding) {
            case "base64" -> Base64.getMimeEncoder().encode(bytes);
            case "quoted-printable" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (OutputStream qp = new QuotedPrintableOutputStream(out, false)) {
                    qp.write(bytes);
                }
                yield out.toByteArray();
            }
            default -> bytes;
        };
        if (damage && encoded.length > 20) { // a byte no encoding allows there, somewhere after the start
            encoded[encoded.length / 2 + 10] = encoding.equals("quoted-printable") ? (byte) '=' : (byte) '*';
        }
        return encoded;
    }

    private static final class Counting extends FilterInputStream {

        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }
}
