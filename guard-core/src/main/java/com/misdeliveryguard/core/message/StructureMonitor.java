package com.misdeliveryguard.core.message;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.Event;

/**
 * Hears what lenient mime4j tolerates and would otherwise pass over in silence: multiparts that end before
 * their closing boundary and damaged encodings of embedded messages. (Header lines that are not fields are
 * reported by {@link HeaderLineBuilder}: mime4j's own warning also fires for legal empty headers.)
 * Returns {@code false} to every warning so that parsing goes on; the problems decide the verdict.
 */
final class StructureMonitor extends DecodeMonitor {

    private final Problems problems;
    private boolean prematureEnd;
    private boolean muted;

    StructureMonitor(Problems problems) {
        this.problems = problems;
    }

    @Override
    public boolean warn(String message, String action) {
        if (muted || message == null) {
            return false;
        }
        if (message.contains(Event.MIME_BODY_PREMATURE_END.toString())) {
            prematureEnd = true;
        } else if (message.startsWith("Unexpected base64") || message.startsWith("Unexpected end of BASE64")
                || message.startsWith("Unexpected padding")) {
            problems.add("undecodable base64");
        } else if (message.startsWith("Malformed encoded value") || message.startsWith("Unexpected ==")) {
            problems.add("undecodable quoted-printable");
        }
        return false;
    }

    @Override
    public boolean isListening() {
        return true;
    }

    /** Whether a multipart ended early since the last call; clears the flag. */
    boolean takePrematureEnd() {
        boolean result = prematureEnd;
        prematureEnd = false;
        return result;
    }

    /** Reports a problem that mime4j's parsing revealed, unless reading was stopped on purpose. */
    void report(String problem) {
        if (!muted) {
            problems.add(problem);
        }
    }

    /** After reading was stopped on purpose, what the parser reports is an echo of the stop. */
    void mute() {
        muted = true;
    }
}
