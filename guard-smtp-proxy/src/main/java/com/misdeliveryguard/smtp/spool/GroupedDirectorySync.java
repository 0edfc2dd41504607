package com.misdeliveryguard.smtp.spool;

import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Group commit of directory syncs (ADR 0014): concurrent sessions that each renamed an entry into the
 * same directory ({@code incoming/}, {@code outgoing/}, {@code tmp/}) share one {@code fsync} of it. A
 * caller's sync is done by an {@code fsync} that <em>started after</em> the caller asked, so it covers
 * the caller's rename: the caller either runs it itself or waits for the one that started after it
 * asked. A failed {@code fsync} fails every caller it was to cover; nothing is reported durable that
 * was not synced. File contents are synced as before, one {@code fsync} per file, and so is a directory not named
 * at construction (until 2026-12-07 every directory synced was remembered, one entry per message ever received).
 */
final class GroupedDirectorySync implements Durability {

    private final Durability delegate;
    private final Map<Path, Directory> directories;

    /**
     * Groups the syncs of the {@code shared} directories; any other (a message's own directory, which one session
     * syncs) goes straight to {@code delegate}, and nothing is kept for it.
     */
    GroupedDirectorySync(Durability delegate, Set<Path> shared) {
        this.delegate = delegate;
        this.directories = shared.stream().collect(Collectors.toUnmodifiableMap(p -> p, Directory::new));
    }

    @Override
    public void force(FileChannel file) throws IOException {
        delegate.force(file);
    }

    @Override
    public void force(FileDescriptor file) throws IOException {
        delegate.force(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        Directory shared = directories.get(directory);
        if (shared == null) {
            delegate.forceDirectory(directory);
        } else {
            shared.sync();
        }
    }

    /** Tickets of one directory: each caller takes one; a sync covers every ticket taken before it started. */
    private final class Directory {
        private final Path path;
        private long requested;
        private long synced;
        private long failedUpTo;
        private IOException failure;
        private boolean running;

        Directory(Path path) {
            this.path = path;
        }

        void sync() throws IOException {
            long ticket;
            boolean interrupted = false;
            synchronized (this) {
                ticket = ++requested;
            }
            try {
                while (true) {
                    long covering;
                    synchronized (this) {
                        if (synced >= ticket) {
                            return;
                        }
                        if (failedUpTo >= ticket) {
                            throw new IOException("fsync of " + path + " failed", failure);
                        }
                        if (running) {
                            try {
                                wait();
                            } catch (InterruptedException e) {
                                interrupted = true; // the sync goes on either way; the answer must wait for it
                            }
                            continue;
                        }
                        running = true;
                        covering = requested;
                    }
                    IOException failed = null;
                    try {
                        delegate.forceDirectory(path);
                    } catch (IOException e) {
                        failed = e;
                    } catch (RuntimeException | Error e) {
                        failed = new IOException(e);
                        throw e;
                    } finally {
                        synchronized (this) {
                            running = false;
                            if (failed == null) {
                                synced = covering;
                            } else {
                                failedUpTo = covering;
                                failure = failed;
                            }
                            notifyAll();
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
