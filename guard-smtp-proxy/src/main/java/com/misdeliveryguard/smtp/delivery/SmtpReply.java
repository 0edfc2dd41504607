package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;

/**
 * One SMTP reply (RFC 5321 §4.2) as a single printable line, e.g. {@code 550 5.1.1 no such user}.
 * Multi-line replies are joined with spaces; control characters are removed, so the text is safe in
 * logs, headers and {@link RecipientResult}.
 */
record SmtpReply(int code, String text) {

    private static final int MAX_TEXT = 512;

    /**
     * Normalizes a reply as Jakarta Mail reports it ({@code lastServerResponse}: lines joined by LF).
     * Continuation lines lose their {@code NNN-} prefix.
     */
    static SmtpReply of(int code, String response) {
        StringBuilder joined = new StringBuilder();
        String[] lines = response == null ? new String[0] : response.split("\r?\n");
        for (String line : lines) {
            String part = line.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (joined.length() > 0) {
                part = withoutCode(part);
                joined.append(' ');
            } else if (part.length() > 3 && part.charAt(3) == '-') {
                part = part.substring(0, 3) + ' ' + part.substring(4);
            }
            joined.append(part);
        }
        return new SmtpReply(code, printable(joined.toString()));
    }

    /** 2xx relayed, 5xx permanent, anything else (4xx, no reply, garbage) temporary. */
    static Outcome outcomeOf(int code) {
        if (code >= 200 && code < 300) {
            return Outcome.RELAYED;
        }
        if (code >= 500 && code < 600) {
            return Outcome.PERMANENT_FAILURE;
        }
        return Outcome.TEMPORARY_FAILURE;
    }

    Outcome outcome() {
        return outcomeOf(code);
    }

    boolean isReply() {
        return code >= 200 && code < 600 && text.length() >= 3;
    }

    /** Keeps printable ASCII, replaces everything else (CR, LF, NUL, non-ASCII) by a space, and caps the length. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        return b.toString().replaceAll(" {2,}", " ").strip();
    }

    private static String withoutCode(String line) {
        if (line.length() >= 4 && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(1))
                && Character.isDigit(line.charAt(2)) && (line.charAt(3) == '-' || line.charAt(3) == ' ')) {
            return line.substring(4).strip();
        }
        return line;
    }

    @Override
    public String toString() {
        return text;
    }
}
