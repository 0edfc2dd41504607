package com.misdeliveryguard.app.storage;

import com.misdeliveryguard.smtp.spool.Durability;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The spool's {@link Durability} with a switch: while {@link #failSyncs} is on, every fsync of a
 * file fails as on a full or broken disk; otherwise it is the real {@link Durability#FSYNC}.
 */
public final class SyncFaults implements Durability {

    private final AtomicBoolean failing = new AtomicBoolean();

    public void failSyncs(boolean on) {
        failing.set(on);
    }

    private void check() throws IOException {
        if (failing.get()) {
            throw new IOException("simulated: No space left on device (fsync)");
        }
    }

    @Override
    public void force(FileChannel file) throws IOException {
        check();
        FSYNC.force(file);
    }

    @Override
    public void force(FileDescriptor file) throws IOException {
        check();
        FSYNC.force(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        FSYNC.forceDirectory(directory);
    }
}
