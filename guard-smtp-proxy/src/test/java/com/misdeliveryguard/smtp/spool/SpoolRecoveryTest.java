package com.misdeliveryguard.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash leaves behind is sorted out at start-up: nothing half-written ever becomes a message. */
class SpoolRecoveryTest {

    @TempDir
    Path dir;

    private static final Envelope ENVELOPE = new Envelope(ReversePath.of(MailAddress.of("alice@example.com")),
            List.of(MailAddress.of("bob@example.org"), MailAddress.of("carol@example.org")), Optional.of("alice"),
            "192.0.2.10", "client.example.com", true, true, Instant.parse("2026-11-25T09:00:00Z"));

    private SpooledMessage commit(Spool spool, String body) throws Exception {
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            writer.write(bytes, 0, bytes.length);
            return writer.commit(ENVELOPE, SpooledMessage.Origin.SMTP);
        }
    }

    @Test
    void shouldRoundTripTheWholeEnvelope() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage message = commit(spool, "Subject: x\r\n\r\nbody\r\n");
        SpooledMessage read = spool.read(QueueState.INCOMING, message.id());
        assertThat(read).isEqualTo(message);
        assertThat(read.size()).isEqualTo("Subject: x\r\n\r\nbody\r\n".length());
        assertThat(read.sha256()).hasSize(64);
    }

    @Test
    void shouldQuarantineWhatWasNeverAcknowledgedAndKeepTheRest() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage kept = commit(spool, "Subject: kept\r\n\r\nx\r\n");
        spool.move(kept.id(), QueueState.INCOMING, QueueState.OUTGOING);
        SpoolWriter unfinished = spool.create();
        unfinished.write("Subject: half".getBytes(StandardCharsets.US_ASCII), 0, 13);
        // the process dies here: no commit, no abort
        SpooledMessage truncated = commit(spool, "Subject: truncated later\r\n\r\nxxxx\r\n");
        Files.write(dir.resolve("incoming").resolve(truncated.id()).resolve("message"), new byte[3]);

        Map<QueueState, List<String>> recovered = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC).recover();

        assertThat(recovered.get(QueueState.OUTGOING)).containsExactly(kept.id());
        assertThat(recovered.get(QueueState.INCOMING)).isEmpty();
        assertThat(recovered.get(QueueState.CORRUPT)).containsExactlyInAnyOrder(unfinished.id(), truncated.id());
        assertThat(Files.list(dir.resolve("tmp")).count()).isZero();
    }

    @Test
    void shouldRememberRelayedRecipientsAcrossMoves() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage message = commit(spool, "Subject: x\r\n\r\nx\r\n");
        spool.move(message.id(), QueueState.INCOMING, QueueState.OUTGOING);
        spool.recordRelayed(QueueState.OUTGOING, message.id(), Map.of(MailAddress.of("bob@example.org"), "250 ok"),
                Map.of());
        spool.recordDeferred(QueueState.OUTGOING, message.id(), 1, Instant.parse("2026-11-25T09:05:00Z"),
                "451 4.3.0 later");
        spool.move(message.id(), QueueState.OUTGOING, QueueState.DEFERRED);

        DeliveryJournal.State state = spool.journal(QueueState.DEFERRED, message.id());
        assertThat(state.pending(message.envelope().recipients())).containsExactly(MailAddress.of("carol@example.org"));
        assertThat(state.attempts()).isEqualTo(1);
        assertThat(state.nextAttempt()).contains(Instant.parse("2026-11-25T09:05:00Z"));
        assertThat(state.lastReply()).isEqualTo("451 4.3.0 later");
    }
}
