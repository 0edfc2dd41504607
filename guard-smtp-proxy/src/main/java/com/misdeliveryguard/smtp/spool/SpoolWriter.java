package com.misdeliveryguard.smtp.spool;

import com.misdeliveryguard.core.mail.Envelope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives one message's bytes into {@code tmp/<id>/message}, counting and hashing them as they
 * come. Nothing is a message until {@link #commit}; {@link #abort} (or a crash) leaves no message.
 * Not thread-safe: one SMTP session writes one message.
 */
public final class SpoolWriter implements AutoCloseable {

    private final Spool spool;
    private final String id;
    private final Path dir;
    private final FileChannel channel;
    private final MessageDigest sha256;
    private final boolean entriesDurable;
    private long size;
    private boolean done;

    /** @param entriesDurable the directory is a spare whose entries are durable already (see {@link Spool}) */
    SpoolWriter(Spool spool, String id, Path dir, boolean entriesDurable) throws IOException {
        this.spool = spool;
        this.id = id;
        this.dir = dir;
        this.entriesDurable = entriesDurable;
        // an emptied directory used again holds an empty message file (Spool#create)
        this.channel = FileChannel.open(dir.resolve(Spool.MESSAGE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String id() {
        return id;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    public void write(byte[] bytes, int offset, int length) throws IOException {
        sha256.update(bytes, offset, length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += length;
    }

    /** An {@link OutputStream} view, for code that wants one. */
    public OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                SpoolWriter.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                SpoolWriter.this.write(b, off, len);
            }
        };
    }

    /**
     * Makes the message durable and moves it to {@link QueueState#INCOMING}. When this returns, the
     * caller may answer 250; when it throws, the caller answers 451 and nothing was kept.
     */
    public SpooledMessage commit(Envelope envelope, SpooledMessage.Origin origin) throws IOException {
        try {
            spool.durability().force(channel);
            channel.close();
            SpooledMessage message = new SpooledMessage(id, envelope, size, HexFormat.of().formatHex(sha256.digest()),
                    origin);
            writeEnvelope(message);
            spool.publish(id, dir, entriesDurable);
            done = true;
            return message;
        } finally {
            if (!done) {
                abort();
            }
        }
    }

    /**
     * For {@link Spool#restore}: makes the bytes and the envelope of {@code expected} durable in the
     * message directory after checking that the bytes written are the ones it names. The caller
     * publishes the directory and then calls {@link #published()}.
     */
    void seal(SpooledMessage expected) throws IOException {
        spool.durability().force(channel);
        channel.close();
        String written = HexFormat.of().formatHex(sha256.digest());
        if (size != expected.size() || !written.equals(expected.sha256())) {
            throw new IOException("the bytes of " + id + " are not the ones it was stored with (" + size + " bytes, "
                    + "SHA-256 " + written + ")");
        }
        writeEnvelope(expected);
    }

    private void writeEnvelope(SpooledMessage message) throws IOException {
        try (FileChannel env = FileChannel.open(dir.resolve(Spool.ENVELOPE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(EnvelopeFile.write(message));
            while (buffer.hasRemaining()) {
                env.write(buffer);
            }
            spool.durability().force(env);
        }
    }

    /** For {@link Spool#restore}: the directory left {@code tmp/}; nothing to clean up any more. */
    void published() {
        done = true;
    }

    /** Discards the partial message. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            channel.close();
            Spool.deleteTree(dir);
        } catch (IOException e) {
            // left under tmp/: recovery quarantines it at the next start
        }
    }

    @Override
    public void close() {
        abort();
    }
}
