package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.core.guard.DeliverEverything;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing accepted is lost when the upstream misbehaves: temporary failures are retried with
 * backoff (time moved by a fake clock), permanent failures bounce to the sender with an RFC 3464
 * DSN, a recipient once relayed is never sent again, and expiry ends in a DSN.
 */
class UpstreamFailuresTest {

    private final SmtpSink sink;
    private final RelayFixture relay;

    UpstreamFailuresTest() throws IOException {
        sink = SmtpSink.start();
        relay = new RelayFixture(sink.port(), new DeliverEverything());
    }

    @AfterEach
    void close() throws Exception {
        relay.close();
        sink.close();
    }

    private void submit(String... recipients) throws IOException {
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            for (String rcpt : recipients) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + rcpt + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: quote\r\n"
                    + "Message-ID: <q-1@example.com>\r\n\r\nplease find the quote\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
    }

    @Test
    void shouldDeferWhileTheUpstreamIsDownAndDeliverWhenItIsBack() throws Exception {
        sink.behaviour(SmtpSink.Behaviour.REFUSE);
        submit("bob@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.count(QueueState.DEFERRED) == 1);
        assertThat(sink.transactions()).isEmpty();

        relay.advance(Duration.ofSeconds(299));
        assertThat(relay.count(QueueState.DEFERRED)).as("not before the minimal backoff").isEqualTo(1);

        sink.behaviour(SmtpSink.Behaviour.ACCEPT);
        relay.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        assertThat(sink.transactions().get(0).recipients()).containsExactly("<bob@example.org>");
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.count(QueueState.DEFERRED) == 0
                && relay.count(QueueState.OUTGOING) == 0);
    }

    @Test
    void shouldDeliverToTheOthersAndBounceTheRejectedRecipient() throws Exception {
        sink.replyToRecipient("carol@example.org", "550 5.1.1 <carol@example.org>: no such user");
        submit("bob@example.org", "carol@example.org", "dave@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 2);

        SmtpSink.Transaction original = sink.transactions().get(0);
        assertThat(original.recipients()).containsExactly("<bob@example.org>", "<dave@example.org>");
        assertThat(original.rejected()).containsExactly("<carol@example.org>");

        SmtpSink.Transaction dsn = sink.transactions().get(1);
        assertThat(dsn.mailFrom()).isEqualTo("<>");
        assertThat(dsn.recipients()).containsExactly("<alice@example.com>");
        assertThat(dsn.dataAsString())
                .contains("multipart/report", "report-type=delivery-status")
                .contains("Final-Recipient: rfc822; carol@example.org")
                .contains("Status: 5.1.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1")
                .contains("Message-ID: <q-1@example.com>")
                .doesNotContain("Final-Recipient: rfc822; bob@example.org");
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.count(QueueState.OUTGOING) == 0);
    }

    @Test
    void shouldNeverSendARelayedRecipientAgain() throws Exception {
        sink.replyToRecipient("carol@example.org", "451 4.2.0 mailbox busy");
        submit("bob@example.org", "carol@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.count(QueueState.DEFERRED) == 1);
        assertThat(sink.transactions().get(0).recipients()).containsExactly("<bob@example.org>");

        sink.replyToRecipient("carol@example.org", "250 2.1.5 ok now");
        relay.advance(Duration.ofMinutes(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 2);
        assertThat(sink.transactions().get(1).recipients()).containsExactly("<carol@example.org>");
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.count(QueueState.DEFERRED) == 0
                && relay.count(QueueState.OUTGOING) == 0);
    }

    @Test
    void shouldBounceWhatIsStillUndeliveredWhenTheLifetimeEnds() throws Exception {
        sink.replyToData("451 4.3.0 try again later");
        submit("bob@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.count(QueueState.DEFERRED) == 1);
        for (int hour = 0; hour < 5 * 24 + 2; hour++) {
            relay.advance(Duration.ofHours(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.queue.active() == 0);
        }
        sink.replyToData("250 2.0.0 ok");
        relay.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().stream()
                .anyMatch(t -> t.mailFrom().equals("<>") && t.dataReply().startsWith("250")));
        SmtpSink.Transaction dsn = sink.transactions().stream().filter(t -> t.mailFrom().equals("<>")).findFirst()
                .orElseThrow();
        assertThat(dsn.recipients()).isEqualTo(List.of("<alice@example.com>"));
        assertThat(dsn.dataAsString()).contains("Status: 5.4.7").contains("Final-Recipient: rfc822; bob@example.org");
        assertThat(relay.count(QueueState.DEFERRED)).isZero();
    }

    /**
     * A message whose copies cannot be made (e.g. attachments as links on a message the rewriter cannot
     * read) is never sent unaltered and never retried for ever: it is deferred like a temporary failure
     * and bounced when its lifetime ends.
     */
    @Test
    void shouldDeferAndFinallyBounceAMessageWhoseCopiesCannotBeMade() throws Exception {
        MessageVariants failing = (message, pending, original) -> {
            if (message.origin() == SpooledMessage.Origin.GUARD) {
                return MessageVariants.ORIGINAL.split(message, pending, original);
            }
            throw new IOException("too many parts to rewrite");
        };
        try (RelayFixture broken = new RelayFixture(sink.port(), new DeliverEverything(), null, null, failing)) {
            try (RawSmtpClient client = broken.ehlo()) {
                RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
                RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
                RawSmtpClient.expect(client.command("DATA"), "354");
                client.write("From: alice@example.com\r\nTo: bob@example.org\r\nSubject: quote\r\n"
                        + "Message-ID: <q-2@example.com>\r\n\r\nplease find the quote\r\n.\r\n");
                RawSmtpClient.expect(client.reply(), "250");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> broken.count(QueueState.DEFERRED) == 1);
            for (int hour = 0; hour < 5 * 24 + 2; hour++) {
                broken.advance(Duration.ofHours(1));
                await().atMost(Duration.ofSeconds(10)).until(() -> broken.queue.active() == 0);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().stream()
                    .anyMatch(t -> t.mailFrom().equals("<>")));
            assertThat(sink.transactions()).as("only the bounce reached the upstream, never the unaltered message")
                    .singleElement().satisfies(dsn -> {
                        assertThat(dsn.recipients()).containsExactly("<alice@example.com>");
                        assertThat(dsn.dataAsString()).contains("Status: 5.4.7")
                                .contains("Final-Recipient: rfc822; bob@example.org")
                                .contains("could not prepare the message for delivery");
                    });
            await().atMost(Duration.ofSeconds(5)).until(() -> broken.count(QueueState.DEFERRED) == 0
                    && broken.count(QueueState.OUTGOING) == 0);
        }
    }

    @Test
    void shouldNeverRecordAFailureWhoseBounceCouldNotBeQueued() throws Exception {
        relay.stop();
        sink.replyToRecipient("carol@example.org", "550 5.1.1 no such user");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        BounceComposer real = BounceComposer.rfc3464("guard.test", java.time.Clock.systemUTC());
        BounceComposer failsOnce = (original, content, failed) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("simulated: disk full while writing the DSN");
            }
            return real.compose(original, content, failed);
        };
        try (RelayFixture failing = new RelayFixture(sink.port(), new DeliverEverything(), null, failsOnce)) {
            try (RawSmtpClient client = failing.ehlo()) {
                RawSmtpClient.expect(client.send("alice@example.com", "carol@example.org", "Subject: x\r\n\r\nx"),
                        "250");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> failing.queue.active() == 0);
            assertThat(sink.transactions()).as("carol was refused at RCPT, nothing reached DATA").isEmpty();
            String id = failing.spool.list(QueueState.OUTGOING).get(0);
            assertThat(failing.spool.journal(QueueState.OUTGOING, id).bounced())
                    .as("a failure without its DSN stays pending").isEmpty();

            failing.advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().stream()
                    .anyMatch(t -> t.mailFrom().equals("<>") && t.recipients().contains("<alice@example.com>")));
            await().atMost(Duration.ofSeconds(5)).until(() -> failing.count(QueueState.OUTGOING) == 0);
        }
    }

    @Test
    void shouldResumeFromTheJournalAfterARestart() throws Exception {
        sink.replyToRecipient("carol@example.org", "451 4.2.0 mailbox busy");
        submit("bob@example.org", "carol@example.org");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.count(QueueState.DEFERRED) == 1);
        relay.stop();

        sink.replyToRecipient("carol@example.org", "250 2.1.5 ok");
        try (RelayFixture restarted = new RelayFixture(sink.port(), new DeliverEverything(), relay.dir)) {
            restarted.advance(Duration.ofMinutes(6));
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 2);
            assertThat(sink.transactions().get(1).recipients()).containsExactly("<carol@example.org>");
        }
    }
}
