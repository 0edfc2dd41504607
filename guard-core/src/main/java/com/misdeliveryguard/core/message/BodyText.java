package com.misdeliveryguard.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Reads the start of one text part: undoes the transfer encoding (RFC 2045 §6), keeps at most
 * {@code maxBytes} decoded bytes and turns them into text with the part's charset. Reading stops at the
 * cap; mime4j skips the rest of the part. Damage to the encoding in the bytes read is reported.
 */
final class BodyText {

    /** How much is read of a text part before its opening lines are first looked for. */
    static final int FIRST_BYTES = 8192;

    private BodyText() {
    }

    static String read(InputStream raw, String transferEncoding, Optional<String> charsetName, int maxBytes,
            Problems problems) throws IOException {
        String encoding = transferEncoding.strip().toLowerCase(Locale.ROOT);
        byte[] bytes = readDecoded(decoded(raw, encoding, problems), maxBytes);
        Optional<Charset> charset = declaredCharset(charsetName);
        reportUnknown(charsetName, charset, problems);
        return decode(bytes, bytes.length, charset);
    }

    /**
     * The {@link OpeningLines} of one text part, reading no more of it than they need: what {@link #read} and
     * {@link OpeningLines#of} give together, for a fraction of the work when the part is long (issue 14: a 100 KB
     * body was decoded whole into a string to find its first twenty lines). The part is read {@value #FIRST_BYTES}
     * bytes at first and twice as much each time after, up to {@code maxBytes}; after each read, the complete lines so
     * far are decoded, and reading stops once their opening lines are {@link OpeningLines.Found#settled settled}.
     *
     * <p>Only where a prefix of complete lines decodes exactly as the same lines of the whole part: a declared charset
     * that writes a line end as the single byte LF (not UTF-16 or UTF-32), or an undeclared one while the bytes so far
     * are printable ASCII, tabs and line ends (which the undeclared guesses all decode alike). Otherwise, and for a
     * part shorter than the first read, the part is read and decoded as {@link #read} does. A base64 or
     * quoted-printable part is still decoded up to {@code maxBytes} after its opening lines are settled, so that the
     * damage reported is the same.
     */
    static String openingLines(InputStream raw, String transferEncoding, Optional<String> charsetName, int maxBytes,
            Problems problems) throws IOException {
        String encoding = transferEncoding.strip().toLowerCase(Locale.ROOT);
        InputStream in = decoded(raw, encoding, problems);
        Optional<Charset> charset = declaredCharset(charsetName);
        boolean byLines = charset.map(BodyText::endsLinesWithLf).orElse(true);
        byte[] bytes = new byte[Math.min(maxBytes, FIRST_BYTES)];
        int length = fill(in, bytes, 0);
        while (length == bytes.length && length < maxBytes) { // neither the part's end nor the cap yet
            byLines &= charset.isPresent() || plainAscii(bytes, length);
            int lines = byLines ? afterLastLf(bytes, length) : 0;
            if (lines > 0) {
                OpeningLines.Found found = OpeningLines.find(decode(bytes, lines, charset));
                if (found.settled()) {
                    if (in != raw) {
                        skipDecoded(in, maxBytes - length);
                    }
                    reportUnknown(charsetName, charset, problems);
                    return found.text();
                }
            }
            bytes = grown(bytes, maxBytes);
            length = fill(in, bytes, length);
        }
        reportUnknown(charsetName, charset, problems);
        return OpeningLines.of(decode(bytes, length, charset));
    }

    private static InputStream decoded(InputStream raw, String encoding, Problems problems) {
        return switch (encoding) {
            case "base64" -> new Base64InputStream(raw, new Recorder(problems, "undecodable base64"));
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, new Recorder(problems, "undecodable quoted-printable"));
            case "", "7bit", "8bit", "binary" -> raw;
            default -> {
                problems.add("unknown transfer encoding " + Problems.quote(encoding));
                yield raw;
            }
        };
    }

    /** The part's declared charset; empty when it declares none, US-ASCII or one unknown to Java. */
    private static Optional<Charset> declaredCharset(Optional<String> charsetName) {
        if (charsetName.isEmpty() || charsetName.get().equalsIgnoreCase("us-ascii")) {
            return Optional.empty();
        }
        return MailCharsets.forName(charsetName.get());
    }

    /** After the decoding's own problems, as the part is read: a declared charset unknown to Java. */
    private static void reportUnknown(Optional<String> charsetName, Optional<Charset> charset, Problems problems) {
        if (charset.isEmpty() && charsetName.isPresent() && !charsetName.get().equalsIgnoreCase("us-ascii")) {
            problems.add("unknown charset " + Problems.quote(charsetName.get()) + " in body text");
        }
    }

    private static String decode(byte[] bytes, int length, Optional<Charset> charset) {
        byte[] text = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        return charset.map(c -> MailCharsets.decode(text, c)).orElseGet(() -> MailCharsets.decodeUndeclared(text));
    }

    private static byte[] readDecoded(InputStream in, int maxBytes) throws IOException {
        byte[] bytes = new byte[Math.min(maxBytes, FIRST_BYTES)];
        int length = fill(in, bytes, 0);
        while (length == bytes.length && length < maxBytes) {
            bytes = grown(bytes, maxBytes);
            length = fill(in, bytes, length);
        }
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }

    /** Twice as long, at most {@code maxBytes}. */
    private static byte[] grown(byte[] bytes, int maxBytes) {
        return Arrays.copyOf(bytes, (int) Math.min(maxBytes, 2L * bytes.length));
    }

    /** Reads into {@code bytes} from {@code length} until it is full or the stream ends; the new length. */
    private static int fill(InputStream in, byte[] bytes, int length) throws IOException {
        int n;
        while (length < bytes.length && (n = in.read(bytes, length, bytes.length - length)) != -1) {
            length += n;
        }
        return length;
    }

    private static void skipDecoded(InputStream in, int maxBytes) throws IOException {
        byte[] buffer = new byte[8192];
        int left = maxBytes;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, Math.min(buffer.length, left))) != -1) {
            left -= n;
        }
    }

    /** Whether the charset writes text as ASCII does, a line end as the one byte LF (not so UTF-16 or UTF-32). */
    private static boolean endsLinesWithLf(Charset charset) {
        return charset.canEncode() && Arrays.equals("a.\r\n".getBytes(charset), new byte[] {'a', '.', '\r', '\n'});
    }

    /** Printable ASCII, tabs and line ends only: text every undeclared guess decodes alike. */
    private static boolean plainAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The length of the complete lines in {@code bytes}: after the last LF, 0 when there is none. */
    private static int afterLastLf(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Turns mime4j's decoder warnings into one problem. Harmless quoted-printable warnings (trailing
     * blanks, line-end style, soft breaks followed by blanks) are not damage and are ignored.
     */
    private static final class Recorder extends DecodeMonitor {

        private final Problems problems;
        private final String problem;

        Recorder(Problems problems, String problem) {
            this.problems = problems;
            this.problem = problem;
        }

        @Override
        public boolean warn(String message, String action) {
            if (message.startsWith("Unexpected") || message.startsWith("Malformed")) {
                problems.add(problem);
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
