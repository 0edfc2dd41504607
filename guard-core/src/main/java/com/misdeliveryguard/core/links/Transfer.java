package com.misdeliveryguard.core.links;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/** Content-Transfer-Encoding (RFC 2045 §6) in both directions, streamed where it matters. */
final class Transfer {

    private Transfer() {
    }

    /** The decoded bytes of a body in this transfer encoding (unknown encodings are read as they are). */
    static InputStream decode(InputStream raw, String transferEncoding) {
        return switch (transferEncoding) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> raw;
        };
    }

    /** Reads at most {@code limit} bytes; more is a {@link MalformedMessageException}. */
    static byte[] readBounded(InputStream in, int limit, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new MalformedMessageException(what + " is larger than " + limit + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** Base64 in lines of 76 characters, each ending with CRLF. */
    static void writeBase64(byte[] bytes, OutputStream out) throws IOException {
        byte[] encoded = Base64.getEncoder().encode(bytes);
        for (int i = 0; i < encoded.length; i += 76) {
            out.write(encoded, i, Math.min(76, encoded.length - i));
            out.write('\r');
            out.write('\n');
        }
    }

    static boolean isSevenBitWithShortLines(byte[] bytes) {
        int line = 0;
        for (byte b : bytes) {
            if (b < 0 || b == 0) {
                return false;
            }
            line = b == '\n' ? 0 : line + 1;
            if (line > 998) {
                return false;
            }
        }
        return true;
    }
}
