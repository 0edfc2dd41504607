package com.misdeliveryguard.app.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of a confirmation ticket, as the add-in puts it in {@code X-Guard-Confirmation}:
 * {@code v1.<user, base64url>.<expiry, epoch seconds>.<findings digest, hex>.<HMAC, base64url>}.
 * It carries only what the relay cannot read from the message itself; the sender, recipients and
 * subject are taken from the message and bound by the MAC. No address appears in it, because the
 * header travels to every recipient (Bcc recipients included).
 *
 * @param user           the guard user who asked for the check
 * @param expiresAt      after this instant the ticket is ignored
 * @param findingsDigest SHA-256 (hex) of the findings the dialog showed; see {@link BoundMessage}
 * @param mac            HMAC-SHA256 over {@link BoundMessage#signedText}
 */
record ConfirmationTicket(String user, Instant expiresAt, String findingsDigest, String mac) {

    static final String VERSION = "v1";
    private static final int MAX_LENGTH = 1000;

    ConfirmationTicket {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(findingsDigest, "findingsDigest");
        Objects.requireNonNull(mac, "mac");
    }

    /** The ticket in a header value, empty when it is not a well-formed v1 ticket. */
    static Optional<ConfirmationTicket> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = text.replaceAll("\\s+", "").split("\\.", -1); // a folded header unfolds with spaces
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !parts[2].matches("\\d{1,12}")
                || !parts[3].matches("[0-9a-f]{64}") || !parts[4].matches("[A-Za-z0-9_-]{20,100}")) {
            return Optional.empty();
        }
        try {
            String user = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            if (user.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new ConfirmationTicket(user, Instant.ofEpochSecond(Long.parseLong(parts[2])), parts[3],
                    parts[4]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The header value. */
    String text() {
        return String.join(".", VERSION,
                Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8)),
                Long.toString(expiresAt.getEpochSecond()), findingsDigest, mac);
    }
}
