package com.misdeliveryguard.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC-SHA256 key that signs and checks {@link Checkpoint}s. */
public final class CheckpointKey {

    private final byte[] key;

    private CheckpointKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the checkpoint key must have at least 16 bytes (32 hex digits)");
        }
        this.key = key.clone();
    }

    /** A key given as text (at least 16 characters; hex is fine, it is used as its UTF-8 bytes). */
    public static CheckpointKey of(String text) {
        return new CheckpointKey(text.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Signs entry {@code seq} with hash {@code hash} at {@code time}. */
    public Checkpoint sign(long seq, String hash, Instant time) {
        Checkpoint unsigned = new Checkpoint(seq, hash, time, "");
        return new Checkpoint(seq, hash, time, mac(unsigned.signedText()));
    }

    /** True when the checkpoint's MAC is this key's (compared in constant time). */
    public boolean verifies(Checkpoint checkpoint) {
        return MessageDigest.isEqual(mac(checkpoint.signedText()).getBytes(StandardCharsets.US_ASCII),
                checkpoint.mac().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
