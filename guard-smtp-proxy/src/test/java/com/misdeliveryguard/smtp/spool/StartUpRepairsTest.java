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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash can leave half done in the spool is finished at start-up, named in the log, and
 * never mistaken for damage (ADR 0005): a removal cut short (in {@code trash/}, or, as older
 * versions left it, a state directory holding only the envelope and journal of a message that had
 * reached its final state) is finished; the guard's own mail cut short while it was written is
 * removed, to be written again from its record; committed messages in every state stay where they
 * are. Only real damage (a message whose bytes do not match its envelope, a client's message never
 * acknowledged) is quarantined.
 */
class StartUpRepairsTest {

    @TempDir
    Path dir;

    private record Repair(String kind, String id) {
    }

    private final List<Repair> repairs = new ArrayList<>();

    private static final Envelope ENVELOPE = new Envelope(ReversePath.of(MailAddress.of("alice@example.com")),
            List.of(MailAddress.of("bob@example.org")), Optional.empty(), "192.0.2.10", "client.example.com", false,
            false, Instant.parse("2026-11-25T09:00:00Z"));

    private String commit(Spool spool, QueueState state) throws Exception {
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = ("Subject: " + state + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);
            writer.write(bytes, 0, bytes.length);
            String id = writer.commit(ENVELOPE, SpooledMessage.Origin.SMTP).id();
            if (state != QueueState.INCOMING) {
                spool.move(id, QueueState.INCOMING, state);
            }
            return id;
        }
    }

    @Test
    void shouldFinishWhatACrashCutShortAndKeepEveryCommittedMessage() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        Map<QueueState, String> intact = new java.util.EnumMap<>(QueueState.class);
        for (QueueState state : List.of(QueueState.INCOMING, QueueState.HOLD, QueueState.OUTGOING,
                QueueState.DEFERRED)) {
            intact.put(state, commit(spool, state));
        }
        // delivered, removal cut short after the message file went (the old delete order): envelope + journal left
        String delivered = commit(spool, QueueState.OUTGOING);
        spool.recordRelayed(QueueState.OUTGOING, delivered, Map.of(MailAddress.of("bob@example.org"), "250 ok"),
                Map.of());
        Files.delete(dir.resolve("outgoing").resolve(delivered).resolve("message"));
        // a removal cut short with nothing left but the directory
        String emptied = commit(spool, QueueState.DEFERRED);
        for (String file : List.of("message", "envelope")) {
            Files.delete(dir.resolve("deferred").resolve(emptied).resolve(file));
        }
        // a removal cut short inside trash/
        String trashed = commit(spool, QueueState.HOLD);
        Files.move(dir.resolve("hold").resolve(trashed), dir.resolve("trash").resolve(trashed));
        Files.delete(dir.resolve("trash").resolve(trashed).resolve("message"));
        // a notice the guard was writing when it crashed
        SpoolWriter notice = spool.createGenerated();
        notice.write("Subject: notice".getBytes(StandardCharsets.US_ASCII), 0, 15);
        // a client's message never acknowledged, and a message whose bytes no longer match its envelope
        SpoolWriter unacknowledged = spool.create();
        unacknowledged.write("Subject: half".getBytes(StandardCharsets.US_ASCII), 0, 13);
        String damaged = commit(spool, QueueState.OUTGOING);
        Files.write(dir.resolve("outgoing").resolve(damaged).resolve("message"), new byte[2]);

        Map<QueueState, List<String>> recovered = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC)
                .recover((kind, id, what) -> repairs.add(new Repair(kind, id)));

        assertThat(repairs).containsExactlyInAnyOrder(new Repair("unfinished-removal", trashed),
                new Repair("unfinished-generated", notice.id()), new Repair("unfinished-removal", delivered),
                new Repair("unfinished-removal", emptied));
        intact.forEach((state, id) -> assertThat(recovered.get(state)).as(state.name()).containsExactly(id));
        assertThat(recovered.get(QueueState.CORRUPT)).as("only real damage is quarantined")
                .containsExactlyInAnyOrder(unacknowledged.id(), damaged);
        for (String gone : List.of(delivered, emptied, trashed, notice.id())) {
            for (String state : List.of("tmp", "trash", "incoming", "hold", "outgoing", "deferred", "corrupt")) {
                assertThat(dir.resolve(state).resolve(gone)).as(state + "/" + gone).doesNotExist();
            }
        }
    }

    @Test
    void shouldNeverLeaveHalfAMessageWhenARemovalIsCutShort() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        String id = commit(spool, QueueState.OUTGOING);
        spool.delete(QueueState.OUTGOING, id);
        assertThat(dir.resolve("outgoing").resolve(id)).doesNotExist();
        assertThat(dir.resolve("trash").resolve(id)).doesNotExist();
        assertThat(spool.list(QueueState.OUTGOING)).isEmpty();
    }
}
