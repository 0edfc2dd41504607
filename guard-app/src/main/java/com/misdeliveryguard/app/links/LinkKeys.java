package com.misdeliveryguard.app.links;

import com.misdeliveryguard.app.audit.CheckpointKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one secret behind stored files and links (ADR 0010), handled like the audit checkpoint key:
 * {@code guard.attachments.links.key} (64 hex digits), else generated once into
 * {@code guard.data-dir/links/files.key}. Every instance sharing a database needs the same key. Two
 * keys are derived from it with HMAC-SHA-256: the AES-256 file key and the token key.
 *
 * <p>Tokens are derived, not random: {@code base64url(HMAC(tokenKey, purpose | queue id | address))},
 * 192 bits, so a copy sent again after a failed attempt carries the same link. Only their SHA-256 is
 * stored.
 */
final class LinkKeys {

    private final SecretKey fileKey;
    private final byte[] tokenKey;

    private LinkKeys(byte[] master) {
        this.fileKey = new SecretKeySpec(hmac(master, "attachment-file-key"), "AES");
        this.tokenKey = hmac(master, "attachment-token-key");
    }

    static LinkKeys of(byte[] master) {
        if (master.length < 32) {
            throw new IllegalArgumentException("the attachment key must have 32 bytes (64 hex digits)");
        }
        return new LinkKeys(master);
    }

    /** The configured key, else the one generated once into {@code file} (as the checkpoint key is). */
    static LinkKeys load(String configured, Path file) {
        String hex = CheckpointKeys.secret(configured, file, "guard.attachments.links.key");
        try {
            return of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guard.attachments.links.key must be 64 hex digits, e.g. the output "
                    + "of 'openssl rand -hex 32'", e);
        }
    }

    SecretKey fileKey() {
        return fileKey;
    }

    /** The recipient's download token for a message. */
    String recipientToken(String queueId, String address) {
        return token("recipient|" + queueId + "|" + address);
    }

    /** The sender's token for the sent-message page. */
    String senderToken(String queueId) {
        return token("sender|" + queueId);
    }

    private String token(String input) {
        byte[] mac = hmac(tokenKey, input);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, 24));
    }

    /** What the database stores of a token. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed token: 32 base64url characters. */
    static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{32}");
    }

    private static byte[] hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
