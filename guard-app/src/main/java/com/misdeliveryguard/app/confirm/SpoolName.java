package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.smtp.spool.Spool;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The name of this instance's spool, kept in the file {@code identity} of the spool directory: made
 * once (host name and a random part), the same after every restart on the same data directory, new
 * when the directory is lost. The hold records name the spool a hold was released into, and the
 * instance holding a lease on a hold's scheduled work (ADR 0012).
 */
final class SpoolName {

    private static final String FILE = "identity";

    private SpoolName() {
    }

    static String of(Spool spool) throws IOException {
        Path file = spool.root().resolve(FILE);
        if (!Files.exists(file)) {
            String name = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Path tmp = spool.root().resolve(FILE + ".new");
            Files.writeString(tmp, name + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    private static String host() {
        try {
            String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
            return host.isEmpty() ? "guard" : host.substring(0, Math.min(host.length(), 60));
        } catch (IOException e) {
            return "guard";
        }
    }
}
