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

/** Where the checkpoint key comes from: {@code guard.audit.checkpoint-key}, else a file generated on first start. */
final class CheckpointKeys {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private CheckpointKeys() {
    }

    static CheckpointKey load(String configured, Path file) {
        if (configured != null && !configured.isBlank()) {
            try {
                return CheckpointKey.of(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("guard.audit.checkpoint-key is too short: use at least 16 "
                        + "characters, e.g. the output of 'openssl rand -hex 32'", e);
            }
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
                log.info("Generated the audit checkpoint key {} (keep a copy elsewhere to verify exports)", file);
            }
            return CheckpointKey.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit checkpoint key " + file
                    + "; set guard.audit.checkpoint-key instead", e);
        }
    }
}
