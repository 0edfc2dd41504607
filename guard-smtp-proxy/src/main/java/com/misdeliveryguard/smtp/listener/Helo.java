package com.misdeliveryguard.smtp.listener;

/** Makes a client's HELO/EHLO argument safe to store and to echo in replies and trace headers. */
final class Helo {

    private Helo() {
    }

    /** Printable ASCII without parentheses or brackets that could fake trace-header structure, at most 64 chars. */
    static String sanitize(String helo) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < helo.length() && out.length() < 64; i++) {
            char c = helo.charAt(i);
            out.append(c > 0x20 && c < 0x7f && "()<>;\\\"".indexOf(c) < 0 ? c : '_');
        }
        return out.isEmpty() ? "unknown" : out.toString();
    }
}
