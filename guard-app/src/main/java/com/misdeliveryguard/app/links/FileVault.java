package com.misdeliveryguard.app.links;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The file bytes in the database, encrypted (ADR 0010): chunks of {@value #CHUNK} bytes, each
 * AES-256-GCM with its own random 96-bit nonce and the associated data (file id, chunk number, last
 * chunk or not), so chunks cannot be swapped, reordered, moved to another file or cut off without the
 * read failing. One chunk is in memory at a time, both ways.
 */
final class FileVault {

    static final int CHUNK = 256 * 1024;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final LinkKeys keys;
    private final SecureRandom random = new SecureRandom();

    FileVault(JdbcTemplate jdbc, LinkKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Stores the content of a file; returns the number of plaintext bytes. */
    long write(long fileId, InputStream content) throws IOException {
        byte[] current = content.readNBytes(CHUNK);
        long total = 0;
        int seq = 0;
        while (true) {
            byte[] next = current.length == CHUNK ? content.readNBytes(CHUNK) : new byte[0];
            boolean last = next.length == 0;
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, aad(fileId, seq, last), current);
            jdbc.update("INSERT INTO link_chunk (file_id, seq, nonce, data) VALUES (?, ?, ?, ?)", fileId, seq, nonce,
                    sealed);
            total += current.length;
            seq++;
            if (last) {
                return total;
            }
            current = next;
        }
    }

    /**
     * Writes the decrypted content to {@code out}, checking every chunk and that the last one is there.
     *
     * @throws IOException when a chunk is missing, altered or out of place (nothing more is written)
     */
    void read(long fileId, OutputStream out) throws IOException {
        for (int seq = 0;; seq++) {
            List<byte[][]> rows = jdbc.query("SELECT nonce, data FROM link_chunk WHERE file_id = ? AND seq = ?",
                    (rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}, fileId, seq);
            if (rows.isEmpty()) {
                throw new IOException("file " + fileId + " is incomplete: chunk " + seq + " is missing");
            }
            byte[][] row = rows.get(0);
            boolean more = jdbc.queryForObject("SELECT COUNT(*) FROM link_chunk WHERE file_id = ? AND seq = ?",
                    Integer.class, fileId, seq + 1) > 0;
            byte[] plain = crypt(Cipher.DECRYPT_MODE, row[0], aad(fileId, seq, !more), row[1]);
            out.write(plain);
            if (!more) {
                return;
            }
        }
    }

    /** Deletes the bytes of every file of a message; returns the number of chunks deleted. */
    int delete(String queueId) {
        return jdbc.update("DELETE FROM link_chunk WHERE file_id IN (SELECT id FROM link_file WHERE queue_id = ?)",
                queueId);
    }

    private static byte[] aad(long fileId, int seq, boolean last) {
        return ByteBuffer.allocate(13).putLong(fileId).putInt(seq).put((byte) (last ? 1 : 0)).array();
    }

    private byte[] crypt(int mode, byte[] nonce, byte[] aad, byte[] input) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keys.fileKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IOException("stored file chunk failed authentication (altered, moved or wrong key)", e);
        }
    }
}
