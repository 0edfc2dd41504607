package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bytes of held messages in the shared database ({@code hold_message}, {@code hold_message_chunk},
 * {@code V700__held_message_bytes.sql}; ADR 0012): chunks of {@value #CHUNK} bytes, streamed in and
 * out, one chunk in memory at a time. With the hold record they are what lets any instance show,
 * release or expire any hold, and a hold outlive the instance that received it.
 *
 * <p>{@link #store} joins the caller's transaction: the intake's, before the 250 (ADR 0005).
 * {@link #purge} runs once the transaction that takes the hold to its final state has committed.
 */
public final class HeldContent {

    /** Chunk size: small enough for any JDBC driver's byte array, large enough for few rows. */
    public static final int CHUNK = 256 * 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate eachOnItsOwn;

    /**
     * @param transactions makes the transactions in which {@link #purge} deletes one chunk at a time
     */
    public HeldContent(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.eachOnItsOwn = new TransactionTemplate(transactions);
        this.eachOnItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stores a held message's envelope and bytes, reading {@code content} chunk by chunk, and the
     * To/Cc addresses the policy's conversion to Bcc takes out on delivery ({@code toBcc}, often none).
     *
     * @return false when this message's bytes were stored before (nothing is written)
     * @throws UncheckedIOException when {@code content} cannot be read (the transaction rolls back)
     */
    public boolean store(SpooledMessage message, InputStream content, List<MailAddress> toBcc, Instant at) {
        if (has(message.id())) {
            return false;
        }
        int chunks = (int) Math.max(1, (message.size() + CHUNK - 1) / CHUNK);
        jdbc.update("INSERT INTO hold_message (queue_id, envelope, size_bytes, sha256, chunks, stored_at, to_bcc)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", message.id(), Spool.envelopeOf(message), message.size(),
                message.sha256(), chunks, Sql.time(at), toBcc.isEmpty() ? null
                        : String.join("\n", toBcc.stream().map(MailAddress::toString).toList()));
        try {
            for (int seq = 0; seq < chunks; seq++) {
                byte[] chunk = content.readNBytes(CHUNK);
                jdbc.update("INSERT INTO hold_message_chunk (queue_id, seq_no, data) VALUES (?, ?, ?)", message.id(),
                        seq, chunk);
            }
            if (content.read() >= 0) {
                throw new IOException("the bytes of " + message.id() + " are longer than its envelope says");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the bytes of held message " + message.id(), e);
        }
        return true;
    }

    /** The To/Cc addresses the policy's conversion to Bcc takes out of this held message; empty when none. */
    public List<MailAddress> headerRemovals(String queueId) {
        List<String> found = jdbc.queryForList("SELECT to_bcc FROM hold_message WHERE queue_id = ?", String.class,
                queueId);
        if (found.isEmpty() || found.get(0) == null) {
            return List.of();
        }
        return found.get(0).lines().filter(l -> !l.isBlank()).map(MailAddress::of).toList();
    }

    /** True when the bytes of this held message are here. */
    public boolean has(String queueId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?", Integer.class, queueId);
        return n != null && n > 0;
    }

    /** The envelope, size and SHA-256 the bytes were stored with, if they are here. */
    public Optional<SpooledMessage> find(String queueId) {
        List<byte[]> found = jdbc.query("SELECT envelope FROM hold_message WHERE queue_id = ?",
                (rs, n) -> rs.getBytes(1), queueId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Spool.envelopeFrom(found.get(0)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored envelope of " + queueId, e);
        }
    }

    /**
     * The stored bytes as a stream that fetches one chunk at a time (inside the caller's transaction,
     * when there is one). A missing chunk is an {@link IOException} while reading.
     */
    public InputStream open(String queueId) {
        Integer chunks = jdbc.query("SELECT chunks FROM hold_message WHERE queue_id = ?",
                rs -> rs.next() ? rs.getInt(1) : null, queueId);
        if (chunks == null) {
            return InputStream.nullInputStream();
        }
        return new ChunkStream(queueId, chunks);
    }

    /**
     * Deletes the bytes of a held message, one chunk per transaction of its own and the envelope
     * last (a transaction that deletes a whole 100 MB message makes H2 write all of it again at the
     * commit, in memory). Called once the hold reached its final state, also from a transaction's
     * completion; a purge cut short is finished by {@link #decidedWithBytes} and another purge.
     *
     * @return whether the bytes were here
     */
    public boolean purge(String queueId) {
        Integer chunks = jdbc.query("SELECT chunks FROM hold_message WHERE queue_id = ?",
                rs -> rs.next() ? rs.getInt(1) : null, queueId);
        if (chunks == null) {
            return false;
        }
        for (int seq = 0; seq < chunks; seq++) {
            int chunk = seq;
            eachOnItsOwn.executeWithoutResult(status -> jdbc.update(
                    "DELETE FROM hold_message_chunk WHERE queue_id = ? AND seq_no = ?", queueId, chunk));
        }
        return Boolean.TRUE.equals(eachOnItsOwn.execute(status -> jdbc.update(
                "DELETE FROM hold_message WHERE queue_id = ?", queueId) == 1));
    }

    /** Held messages whose hold reached a final state while their bytes are still here (a purge cut short). */
    public List<String> decidedWithBytes(int limit) {
        return jdbc.queryForList("SELECT m.queue_id FROM hold_message m JOIN confirm_hold h ON h.queue_id = m.queue_id"
                + " WHERE h.state NOT IN ('HELD', 'AWAITING_APPROVAL', 'DELAYED') ORDER BY m.queue_id LIMIT " + limit,
                String.class);
    }

    private final class ChunkStream extends InputStream {

        private final String queueId;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        ChunkStream(String queueId, int chunks) {
            this.queueId = queueId;
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (position == current.length) {
                if (next == chunks) {
                    return -1;
                }
                List<byte[]> rows = jdbc.query("SELECT data FROM hold_message_chunk WHERE queue_id = ? AND seq_no = ?",
                        (rs, n) -> rs.getBytes(1), queueId, next);
                if (rows.isEmpty()) {
                    throw new IOException("held message " + queueId + " is incomplete: chunk " + next + " is missing");
                }
                current = rows.get(0);
                position = 0;
                next++;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
