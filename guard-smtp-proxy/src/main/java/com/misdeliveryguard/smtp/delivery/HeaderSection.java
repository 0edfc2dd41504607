package com.misdeliveryguard.smtp.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the header section of a stored message (RFC 5322 §2.1: everything before the first empty
 * line), capped in size, for the {@code text/rfc822-headers} part of a notification.
 */
final class HeaderSection {

    /** Default cap, as Postfix's {@code header_size_limit} is of the same order. */
    static final int DEFAULT_CAP = 64 * 1024;

    private HeaderSection() {
    }

    /**
     * Returns the header lines, each ending with CRLF, without the empty line. When the section is
     * longer than {@code cap} bytes it is cut after the last complete line within the cap.
     */
    static byte[] read(OutboundMessage.Content content, int cap) throws IOException {
        byte[] head;
        try (InputStream in = content.open()) {
            head = in.readNBytes(cap);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(head.length, 8192));
        int start = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] != '\n') {
                continue;
            }
            int end = i > start && head[i - 1] == '\r' ? i - 1 : i;
            if (end == start) {
                return out.toByteArray();
            }
            out.write(head, start, end - start);
            out.write('\r');
            out.write('\n');
            start = i + 1;
        }
        if (head.length < cap && start < head.length) {
            byte[] rest = Arrays.copyOfRange(head, start, head.length);
            out.write(rest);
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * True when the bytes are 7-bit without NUL or bare CR and no line exceeds 998 octets
     * (RFC 5322 §2.1.1), so they can go into a 7bit body part unchanged.
     */
    static boolean isSevenBitClean(byte[] bytes) {
        int lineLength = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b <= 0 || (b == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
                return false;
            }
            lineLength = b == '\n' ? 0 : lineLength + 1;
            if (lineLength > 999) {
                return false;
            }
        }
        return true;
    }
}
