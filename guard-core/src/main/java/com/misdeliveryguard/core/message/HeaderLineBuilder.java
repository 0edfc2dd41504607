package com.misdeliveryguard.core.message;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.RecycledByteArrayBuffer;

/**
 * mime4j's field builder, made precise about what is malformed. mime4j reports an empty header section
 * (a body part that starts with a blank line, which RFC 2046 §5.1.1 allows) as an invalid header, so that
 * warning cannot be trusted; this builder passes the empty case over and reports only real damage: a line
 * that is not a field, or a whitespace-only continuation line, which other readers take for the end of
 * the header.
 */
final class HeaderLineBuilder extends DefaultFieldBuilder {

    private final StructureMonitor monitor;

    HeaderLineBuilder(int maxHeaderBytes, StructureMonitor monitor) {
        super(maxHeaderBytes);
        this.monitor = monitor;
    }

    @Override
    public RawField build() throws MimeException {
        RecycledByteArrayBuffer raw = getRaw();
        if (isBlank(raw)) {
            return null; // the empty line that ends an empty header section
        }
        if (hasBlankContinuation(raw)) {
            monitor.report("malformed header line");
        }
        try {
            return super.build();
        } catch (MimeException e) {
            monitor.report("malformed header line");
            throw e;
        }
    }

    private static boolean isBlank(RecycledByteArrayBuffer raw) {
        for (int i = 0; i < raw.length(); i++) {
            int b = raw.byteAt(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasBlankContinuation(RecycledByteArrayBuffer raw) {
        boolean lineStart = false;
        boolean blank = false;
        for (int i = 0; i < raw.length(); i++) {
            int b = raw.byteAt(i);
            if (b == '\n') {
                if (lineStart && blank) {
                    return true;
                }
                lineStart = true;
                blank = true;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                blank = false;
            }
        }
        return false;
    }
}
