package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake reads a small message from the spool once and gives the same bytes to the parser and to the review; a
 * message above {@link GuardIntake#READ_ONCE_BYTES}, or a file holding more than its envelope says, is opened from
 * the spool for each. Either way both see exactly the stored bytes, as often as they open them.
 */
class ReviewSeesTheStoredBytesTest {

    private final List<byte[]> seenByReview = new CopyOnWriteArrayList<>();
    private final List<String> subjects = new CopyOnWriteArrayList<>();
    private Spool spool;
    private DeliveryQueue queue;
    private GuardIntake intake;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        spool = Spool.open(dir, clock, Durability.FSYNC);
        queue = RelayingQueue.over(spool, clock);
        VerdictReview review = (Envelope envelope, MessageFacts facts, Verdict verdict, VerdictReview.Content content)
                -> {
            for (int i = 0; i < 2; i++) {
                try (InputStream in = content.open()) {
                    seenByReview.add(in.readAllBytes());
                }
            }
            subjects.add(facts.subject());
            return verdict;
        };
        intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()),
                (envelope, facts) -> Verdict.deliver(), queue, RelayEvents.NONE, IntakeRecords.NONE, review);
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void aSmallMessageIsReadOnceAndBothSeeItsBytes() throws Exception {
        byte[] bytes = message("small", 100);

        intake.accept(stored(bytes));

        assertThat(subjects).containsExactly("small");
        assertThat(seenByReview).hasSize(2).allSatisfy(seen -> assertThat(seen).isEqualTo(bytes));
    }

    @Test
    void aLargeMessageIsOpenedFromTheSpoolAndBothSeeItsBytes() throws Exception {
        byte[] bytes = message("large", GuardIntake.READ_ONCE_BYTES + 10);

        intake.accept(stored(bytes));

        assertThat(subjects).containsExactly("large");
        assertThat(seenByReview).hasSize(2).allSatisfy(seen -> assertThat(seen).isEqualTo(bytes));
    }

    @Test
    void aFileHoldingMoreThanItsEnvelopeSaysIsSeenWhole() throws Exception {
        SpooledMessage message = stored(message("small", 100));
        byte[] grown = message("grown", GuardIntake.READ_ONCE_BYTES * 4);
        Files.write(spool.contentPath(QueueState.INCOMING, message.id()), grown);

        intake.accept(message);

        assertThat(subjects).containsExactly("grown");
        assertThat(seenByReview).hasSize(2).allSatisfy(seen -> assertThat(seen).isEqualTo(grown));
    }

    /** A message with {@code subject} of at least {@code size} bytes. */
    private static byte[] message(String subject, int size) {
        StringBuilder text = new StringBuilder("Subject: " + subject + "\r\n\r\n");
        while (text.length() < size) {
            text.append("0123456789012345678901234567890123456789012345678901234567890123456789\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private SpooledMessage stored(byte[] bytes) throws IOException {
        try (SpoolWriter writer = spool.create()) {
            writer.write(bytes, 0, bytes.length);
            return writer.commit(new Envelope(ReversePath.of(MailAddress.of("alice@example.com")),
                    List.of(MailAddress.of("bob@example.org")), Optional.empty(), "192.0.2.1", "client.test", false,
                    false, Instant.parse("2026-12-07T09:00:00Z")), SpooledMessage.Origin.SMTP);
        }
    }
}
