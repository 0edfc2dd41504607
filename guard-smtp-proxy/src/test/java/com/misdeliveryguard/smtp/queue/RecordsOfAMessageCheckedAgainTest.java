package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
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
 * A message checked for the first time commits its records; one checked again (found in {@code incoming/} after a
 * restart, where a crash may have come after its records were committed) recommits them, so that records that are
 * not idempotent by themselves (the decision log's entries) are not added twice.
 */
class RecordsOfAMessageCheckedAgainTest {

    private static final MailAddress BOB = MailAddress.of("bob@example.org");
    private final List<String> records = new CopyOnWriteArrayList<>();
    private Spool spool;
    private DeliveryQueue queue;
    private GuardIntake intake;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T09:00:00Z"));
        spool = Spool.open(dir, clock, Durability.FSYNC);
        queue = RelayingQueue.over(spool, clock);
        IntakeRecords recording = new IntakeRecords() {
            @Override
            public void commit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
                records.add("commit " + message.id());
            }

            @Override
            public void recommit(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
                records.add("recommit " + message.id());
            }
        };
        intake = new GuardIntake(spool, new MessageFactsParser(MessageFactsParser.Limits.defaults()),
                (envelope, facts) -> Verdict.deliver(), queue, RelayEvents.NONE, recording, VerdictReview.NONE);
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void aMessageJustReceivedCommitsItsRecords() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        intake.accept(message);

        assertThat(records).containsExactly("commit " + message.id());
    }

    @Test
    void aMessageFoundInIncomingAfterARestartRecommitsThem() throws Exception {
        SpooledMessage message = Submitted.to(spool, List.of(BOB));

        assertThat(intake.recover(List.of(message.id()))).isZero();

        assertThat(records).containsExactly("recommit " + message.id());
    }
}
