package com.misdeliveryguard.core.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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

    private BodyText() {
    }

    static String read(InputStream raw, String transferEncoding, Optional<String> charsetName, int maxBytes,
            Problems problems) throws IOException {
        byte[] bytes = readDecoded(raw, transferEncoding.strip().toLowerCase(Locale.ROOT), maxBytes, problems);
        if (charsetName.isEmpty() || charsetName.get().equalsIgnoreCase("us-ascii")) {
            return MailCharsets.decodeUndeclared(bytes);
        }
        Optional<Charset> charset = MailCharsets.forName(charsetName.get());
        if (charset.isEmpty()) {
            problems.add("unknown charset " + Problems.quote(charsetName.get()) + " in body text");
            return MailCharsets.decodeUndeclared(bytes);
        }
        return MailCharsets.decode(bytes, charset.get());
    }

    private static byte[] readDecoded(InputStream raw, String encoding, int maxBytes, Problems problems)
            throws IOException {
        InputStream in = switch (encoding) {
            case "base64" -> new Base64InputStream(raw, new Recorder(problems, "undecodable base64"));
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, new Recorder(problems, "undecodable quoted-printable"));
            case "", "7bit", "8bit", "binary" -> raw;
            default -> {
                problems.add("unknown transfer encoding " + Problems.quote(encoding));
                yield raw;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < maxBytes && (n = in.read(buffer, 0, Math.min(buffer.length, maxBytes - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
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
