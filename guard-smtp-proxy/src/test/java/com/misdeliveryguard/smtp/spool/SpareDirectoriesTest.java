package com.misdeliveryguard.smtp.spool;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A removed message's directory is emptied and used again for a new message instead of being deleted and made
 * again (ADR 0015): the new message reads as itself only, and no byte of the removed one stays in the spool.
 */
class SpareDirectoriesTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private static final MailAddress CAROL = MailAddress.of("carol@example.org");

    @TempDir
    Path dir;

    private static final Durability NO_SYNC = new Durability() {
        @Override
        public void force(java.nio.channels.FileChannel file) {
        }

        @Override
        public void force(java.io.FileDescriptor file) {
        }

        @Override
        public void forceDirectory(Path directory) {
        }
    };

    private static Envelope envelope(List<MailAddress> recipients) {
        return new Envelope(ReversePath.of(MailAddress.of("alice@example.com")), recipients, Optional.of("alice"),
                "192.0.2.10", "client.example.com", true, true, Instant.parse("2026-12-07T09:00:00Z"));
    }

    private static SpooledMessage commit(Spool spool, String body, List<MailAddress> recipients) throws IOException {
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            writer.write(bytes, 0, bytes.length);
            return writer.commit(envelope(recipients), SpooledMessage.Origin.SMTP);
        }
    }

    @Test
    void aNewMessageInARemovedMessagesDirectoryReadsAsItselfOnly() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage old = commit(spool, "Subject: the old one, longer than the new\r\n\r\nsecret\r\n",
                List.of(BOB, CAROL));
        spool.move(old.id(), QueueState.INCOMING, QueueState.OUTGOING);
        spool.recordRelayed(QueueState.OUTGOING, old.id(), Map.of(BOB, "250 ok"), Map.of());
        spool.recordHeaderRemovals(QueueState.OUTGOING, old.id(), List.of(CAROL));
        Object oldDirectory = Files.getAttribute(dir.resolve("outgoing").resolve(old.id()), "unix:ino");

        spool.delete(QueueState.OUTGOING, old.id());
        SpooledMessage fresh = commit(spool, "Subject: new\r\n\r\nx\r\n", List.of(BOB));

        Path freshDirectory = dir.resolve("incoming").resolve(fresh.id());
        assertThat(Files.getAttribute(freshDirectory, "unix:ino")).as("the same directory").isEqualTo(oldDirectory);
        assertThat(spool.read(QueueState.INCOMING, fresh.id())).isEqualTo(fresh);
        try (InputStream content = spool.openContent(QueueState.INCOMING, fresh.id())) {
            assertThat(new String(content.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("Subject: new\r\n\r\nx\r\n");
        }
        assertThat(spool.journal(QueueState.INCOMING, fresh.id()).pending(List.of(BOB))).containsExactly(BOB);
        assertThat(spool.headerRemovals(QueueState.INCOMING, fresh.id())).isEmpty();
        assertThat(Spool.open(dir, Clock.systemUTC(), Durability.FSYNC).recover().get(QueueState.INCOMING))
                .containsExactly(fresh.id());
    }

    @Test
    void anEarlierMessagesJournalBroughtBackByAPowerFailureCountsForNothing() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage old = commit(spool, "Subject: old\r\n\r\nx\r\n", List.of(BOB, CAROL));
        spool.recordRelayed(QueueState.INCOMING, old.id(), Map.of(BOB, "250 ok"), Map.of());
        byte[] oldJournal = Files.readAllBytes(dir.resolve("incoming").resolve(old.id()).resolve("journal"));
        spool.delete(QueueState.INCOMING, old.id());
        SpooledMessage fresh = commit(spool, "Subject: new\r\n\r\nx\r\n", List.of(BOB, CAROL));
        Path journal = dir.resolve("incoming").resolve(fresh.id()).resolve("journal");
        assertThat(Files.size(journal)).as("kept, emptied").isZero();

        Files.write(journal, oldJournal); // the truncation was never written to the disk
        assertThat(spool.journal(QueueState.INCOMING, fresh.id()).pending(List.of(BOB, CAROL)))
                .containsExactly(BOB, CAROL);
        spool.recordRelayed(QueueState.INCOMING, fresh.id(), Map.of(CAROL, "250 ok"), Map.of());

        DeliveryJournal.State state = spool.journal(QueueState.INCOMING, fresh.id());
        assertThat(state.relayed()).containsOnlyKeys(CAROL);
        assertThat(state.pending(List.of(BOB, CAROL))).containsExactly(BOB);
    }

    @Test
    void aJournalWrittenBeforeItNamedItsMessageStillCountsAndIsNotKeptForReuse() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage old = commit(spool, "Subject: old\r\n\r\nx\r\n", List.of(BOB, CAROL));
        Path oldDirectory = dir.resolve("incoming").resolve(old.id());
        Files.writeString(oldDirectory.resolve("journal"), "relayed bob@example.org 250 ok\n");
        spool.recordRelayed(QueueState.INCOMING, old.id(), Map.of(CAROL, "250 ok too"), Map.of());
        assertThat(spool.journal(QueueState.INCOMING, old.id()).relayed()).containsOnlyKeys(BOB, CAROL);
        Files.writeString(oldDirectory.resolve("journal"), "relayed bob@example.org 250 ok\n");

        spool.delete(QueueState.INCOMING, old.id());
        SpooledMessage fresh = commit(spool, "Subject: new\r\n\r\nx\r\n", List.of(BOB));

        assertThat(dir.resolve("incoming").resolve(fresh.id()).resolve("journal")).doesNotExist();
    }

    @Test
    void noByteOfARemovedMessageStaysInTheSpool() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), Durability.FSYNC);
        SpooledMessage old = commit(spool, "Subject: payroll\r\n\r\nsecret\r\n", List.of(BOB));
        spool.recordRelayed(QueueState.INCOMING, old.id(), Map.of(BOB, "250 ok"), Map.of());

        spool.delete(QueueState.INCOMING, old.id());

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
                    .allSatisfy(f -> assertThat(Files.size(f)).as(f.toString()).isZero());
        }
    }

    @Test
    void atMostSoManyRemovedDirectoriesAreKeptAndNoneSurvivesARestart() throws Exception {
        Spool spool = Spool.open(dir, Clock.systemUTC(), NO_SYNC); // thousands of messages: the bound is the point
        List<SpooledMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < Spool.MAX_SPARES + 5; i++) {
            messages.add(commit(spool, "Subject: " + i + "\r\n\r\nx\r\n", List.of(BOB)));
        }
        for (SpooledMessage message : messages) {
            spool.delete(QueueState.INCOMING, message.id());
        }
        assertThat(entries(dir.resolve("tmp"))).as("spares").isEqualTo(Spool.MAX_SPARES);
        assertThat(entries(dir.resolve("trash"))).isZero();

        Map<QueueState, List<String>> recovered = Spool.open(dir, Clock.systemUTC(), NO_SYNC).recover();

        assertThat(entries(dir.resolve("tmp"))).isZero();
        assertThat(recovered.get(QueueState.CORRUPT)).as("nothing quarantined").isEmpty();
    }

    @Test
    void aSpareWhoseEntriesAreAllDurableIsNotSyncedAgainButOneThatLostAFileIs() throws Exception {
        List<Object> synced = new java.util.ArrayList<>(); // the inodes of the directories synced, in order
        Durability recording = new Durability() {
            @Override
            public void force(java.nio.channels.FileChannel file) {
            }

            @Override
            public void force(java.io.FileDescriptor file) {
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                synced.add(Files.getAttribute(directory, "unix:ino"));
            }
        };
        Spool spool = Spool.open(dir, Clock.systemUTC(), recording);
        SpooledMessage first = commit(spool, "Subject: 1\r\n\r\nx\r\n", List.of(BOB));
        Object directory = Files.getAttribute(dir.resolve("incoming").resolve(first.id()), "unix:ino");
        assertThat(synced).as("a new directory").contains(directory);
        spool.recordRelayed(QueueState.INCOMING, first.id(), Map.of(BOB, "250 ok"), Map.of());
        spool.delete(QueueState.INCOMING, first.id());

        synced.clear();
        SpooledMessage second = commit(spool, "Subject: 2\r\n\r\nx\r\n", List.of(BOB, CAROL));
        assertThat(Files.getAttribute(dir.resolve("incoming").resolve(second.id()), "unix:ino")).isEqualTo(directory);
        assertThat(synced).as("message, envelope and journal kept: no entry changed").doesNotContain(directory)
                .isNotEmpty();
        spool.recordHeaderRemovals(QueueState.INCOMING, second.id(), List.of(CAROL));
        spool.delete(QueueState.INCOMING, second.id());

        synced.clear();
        SpooledMessage third = commit(spool, "Subject: 3\r\n\r\nx\r\n", List.of(BOB));
        assertThat(Files.getAttribute(dir.resolve("incoming").resolve(third.id()), "unix:ino")).isEqualTo(directory);
        assertThat(synced).as("its to-bcc deleted: synced, so that it cannot come back").contains(directory);
        spool.delete(QueueState.INCOMING, third.id());

        synced.clear();
        try (SpoolWriter writer = spool.createGenerated()) {
            writer.write(new byte[] {'x'}, 0, 1);
            SpooledMessage notice = writer.commit(envelope(List.of(BOB)), SpooledMessage.Origin.GUARD);
            assertThat(Files.getAttribute(dir.resolve("incoming").resolve(notice.id()), "unix:ino"))
                    .isEqualTo(directory);
        }
        assertThat(synced).as("a file added").contains(directory);
    }

    private static long entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        }
    }
}
