package com.misdeliveryguard.smtp.spool;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the spool makes writes durable. The real implementation forces file contents and directory
 * entries to the device; tests substitute one that fails to prove that a failed sync never becomes a 250.
 */
public interface Durability {

    /** fsync the contents of an open file. */
    void force(FileChannel file) throws IOException;

    /**
     * fsync an open file through its descriptor. Unlike {@link FileChannel#force}, an interrupt of
     * the calling thread cannot abort it (the delivery journal relies on that at shutdown).
     */
    default void force(FileDescriptor file) throws IOException {
        file.sync();
    }

    /** fsync a directory so that renames and new entries in it survive a crash. */
    void forceDirectory(Path directory) throws IOException;

    /** The real thing: {@code fsync(2)} on files and directories. */
    Durability FSYNC = new Durability() {
        @Override
        public void force(FileChannel file) throws IOException {
            file.force(true);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    };
}
