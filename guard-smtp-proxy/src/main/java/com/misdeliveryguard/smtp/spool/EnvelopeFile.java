package com.misdeliveryguard.smtp.spool;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of a {@link SpooledMessage}: one {@code key: value} per line, recipients repeated.
 * Values never contain line breaks (the SMTP layer guarantees printable ASCII for everything here).
 */
final class EnvelopeFile {

    static final String FORMAT = "misdelivery-guard-envelope 1";

    private EnvelopeFile() {
    }

    static byte[] write(SpooledMessage message) {
        Envelope e = message.envelope();
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        line(out, "id", message.id());
        line(out, "origin", message.origin().name());
        line(out, "received-at", e.receivedAt().toString());
        line(out, "client", e.clientAddress());
        line(out, "helo", e.helo());
        line(out, "tls", Boolean.toString(e.tls()));
        e.authenticatedUser().ifPresent(user -> line(out, "auth", user));
        line(out, "body", e.eightBitMime() ? "8BITMIME" : "7BIT");
        line(out, "mail-from", e.sender().toSmtpPath());
        for (MailAddress rcpt : e.recipients()) {
            line(out, "rcpt", rcpt.toSmtpPath());
        }
        line(out, "size", Long.toString(message.size()));
        line(out, "sha256", message.sha256());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String key, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line break in envelope field " + key);
        }
        out.append(key).append(": ").append(value).append('\n');
    }

    static SpooledMessage read(byte[] bytes) throws IOException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(FORMAT)) {
            throw new IOException("not a spool envelope");
        }
        Fields f = new Fields();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            if (colon < 0) {
                throw new IOException("malformed envelope line " + (i + 1));
            }
            f.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        try {
            Envelope envelope = new Envelope(reversePath(f.one("mail-from")), f.recipients,
                    Optional.ofNullable(f.auth), f.one("client"), f.one("helo"), Boolean.parseBoolean(f.one("tls")),
                    "8BITMIME".equals(f.one("body")), Instant.parse(f.one("received-at")));
            return new SpooledMessage(f.one("id"), envelope, Long.parseLong(f.one("size")), f.one("sha256"),
                    SpooledMessage.Origin.valueOf(f.one("origin")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IOException("invalid envelope: " + e.getMessage(), e);
        }
    }

    private static ReversePath reversePath(String path) throws IOException {
        return "<>".equals(path) ? ReversePath.NULL : ReversePath.of(address(path));
    }

    private static MailAddress address(String path) throws IOException {
        if (path.length() < 3 || path.charAt(0) != '<' || path.charAt(path.length() - 1) != '>') {
            throw new IOException("invalid path in envelope: " + path);
        }
        try {
            return MailAddress.parse(path.substring(1, path.length() - 1));
        } catch (InvalidAddressException e) {
            throw new IOException("invalid address in envelope: " + e.getMessage(), e);
        }
    }

    private static final class Fields {
        private final java.util.Map<String, String> single = new java.util.HashMap<>();
        private final List<MailAddress> recipients = new ArrayList<>();
        private String auth;

        void put(String key, String value) throws IOException {
            switch (key) {
                case "rcpt" -> recipients.add(address(value));
                case "auth" -> auth = value;
                default -> single.put(key, value);
            }
        }

        String one(String key) throws IOException {
            String value = single.get(key);
            if (value == null) {
                throw new IOException("envelope lacks " + key);
            }
            return value;
        }
    }
}
