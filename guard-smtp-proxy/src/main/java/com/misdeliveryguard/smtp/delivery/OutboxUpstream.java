package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo "smart host": writes each delivery to {@code <dir>/<queueId>-<n>.eml} instead of relaying.
 *
 * <p>File layout: {@code X-Envelope-From: <sender>} and {@code X-Envelope-To: <a>, <b>} (folded), then
 * the trace header, then the stored bytes unchanged. The file appears atomically (temp file, fsync,
 * rename, directory fsync); {@code n} counts up so a retry never overwrites an earlier file. Every
 * recipient is {@code RELAYED} with {@code 250 2.0.0 written to <file>}; an I/O failure makes every
 * recipient a temporary failure. Thread-safe within one process.
 */
public final class OutboxUpstream implements Upstream {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxUpstream.class);
    private static final int LINE = 78;

    private final Path directory;
    private final Object nameLock = new Object();

    public OutboxUpstream(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    @Override
    public DeliveryReport deliver(OutboundMessage message) {
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".outbox-", ".tmp");
            write(message, temp);
            Path target = publish(temp, fileStem(message.queueId()));
            temp = null;
            LOG.info("{}: written to outbox file {} (demo mode, nothing was sent)", message.queueId(), target);
            return SendOutcomes.uniform(message, Outcome.RELAYED, "250 2.0.0 written to " + target.getFileName());
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: writing to the outbox {} failed", message.queueId(), directory, e);
            return SendOutcomes.uniform(message, Outcome.TEMPORARY_FAILURE,
                    "451 4.3.0 outbox " + directory.getFileName() + " not writable: " + e.getClass().getSimpleName());
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void write(OutboundMessage message, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel);
                InputStream in = message.content().open()) {
            out.write(envelopeLines(message).getBytes(StandardCharsets.US_ASCII));
            out.write(message.traceHeader().getBytes(StandardCharsets.US_ASCII));
            in.transferTo(out);
            out.flush();
            channel.force(true);
        }
    }

    static String envelopeLines(OutboundMessage message) {
        StringBuilder b = new StringBuilder("X-Envelope-From: ").append(message.sender().toSmtpPath()).append("\r\n");
        StringBuilder line = new StringBuilder("X-Envelope-To:");
        for (int i = 0; i < message.recipients().size(); i++) {
            MailAddress rcpt = message.recipients().get(i);
            String token = rcpt.toSmtpPath() + (i < message.recipients().size() - 1 ? "," : "");
            if (i > 0 && line.length() + 1 + token.length() > LINE) {
                b.append(line).append("\r\n");
                line.setLength(0);
                line.append('\t').append(token);
            } else {
                line.append(' ').append(token);
            }
        }
        return b.append(line).append("\r\n").toString();
    }

    private Path publish(Path temp, String stem) throws IOException {
        Path target;
        synchronized (nameLock) {
            int n = 1;
            while (Files.exists(target = directory.resolve(stem + "-" + n + ".eml"))) {
                n++;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncDirectory();
        return target;
    }

    private void fsyncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("directory fsync not supported for {}", directory, e);
        }
    }

    /** The queue id as a safe file name part: only letters, digits, dot, dash and underscore. */
    static String fileStem(String queueId) {
        String stem = queueId.replaceAll("[^A-Za-z0-9._-]", "_");
        return stem.isEmpty() || stem.startsWith(".") ? "_" + stem : stem;
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.debug("could not delete {}", temp, e);
            }
        }
    }

    @Override
    public String toString() {
        return "OutboxUpstream[" + directory + "]";
    }
}
