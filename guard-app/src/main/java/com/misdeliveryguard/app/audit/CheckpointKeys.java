package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.CheckpointKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the checkpoint key comes from: {@code guard.audit.checkpoint-key}, else a file generated on first start.
 * Other HMAC keys of the guard (the client confirmation tickets) are kept the same way through {@link #secret}.
 */
public final class CheckpointKeys {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private CheckpointKeys() {
    }

    static CheckpointKey load(String configured, Path file) {
        try {
            return CheckpointKey.of(secret(configured, file, "guard.audit.checkpoint-key"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guard.audit.checkpoint-key is too short: use at least 16 "
                    + "characters, e.g. the output of 'openssl rand -hex 32'", e);
        }
    }

    /**
     * A secret: {@code configured} when set, else the content of {@code file}, which is created with 32 random
     * bytes (hex, owner-only permissions) on first use.
     *
     * @param property the property that sets it, named in the error when the file cannot be read or made
     */
    public static String secret(String configured, Path file, String property) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n");
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                }
                Files.move(tmp, file);
                log.info("Generated the key {} (set {} to share it between instances)", file, property);
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key " + file + "; set " + property + " instead", e);
        }
    }
}
