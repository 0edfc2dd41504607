package com.misdeliveryguard.app.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted for one test, to be filled up on purpose. Mounting needs root (CI runs as
 * root); where it is not possible the test is skipped with the reason, never passed silently.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;
    private volatile boolean keepFull;
    private Thread keeper;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 48m}) at {@code mountPoint}, or skips the test. */
    public static Tmpfs mount(Path mountPoint, String size) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "SKIPPED: cannot mount a tmpfs at " + mountPoint
                + " (needs root, as in CI): " + output.strip());
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /**
     * Fills the file system to the last byte and keeps it full: a background thread writes again
     * whenever something freed space, until {@link #free()}.
     */
    public void fill() throws InterruptedException {
        keepFull = true;
        fillOnce(0);
        keeper = new Thread(() -> {
            int round = 1;
            while (keepFull) {
                fillOnce(round++);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tmpfs-filler");
        keeper.setDaemon(true);
        keeper.start();
    }

    private void fillOnce(int round) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve("filler-" + round))) {
            while (keepFull) {
                out.write(block);
            }
        } catch (IOException full) {
            // ENOSPC: that is the point
        }
    }

    /** Stops keeping the disk full and deletes every filler file. */
    public void free() throws IOException, InterruptedException {
        keepFull = false;
        if (keeper != null) {
            keeper.join(10_000);
        }
        try (var files = Files.list(mountPoint)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("filler-")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        free();
        new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }
}
