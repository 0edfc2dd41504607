package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static com.misdeliveryguard.smtp.delivery.TestMessages.bytes;
import static com.misdeliveryguard.smtp.delivery.TestMessages.message;
import static com.misdeliveryguard.smtp.delivery.TestMessages.sender;
import static com.misdeliveryguard.smtp.delivery.TestMessages.simpleMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import com.misdeliveryguard.smtp.testing.SmtpSink.Behaviour;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SmtpUpstream} against {@link SmtpSink}: what goes on the wire, and what each upstream fault becomes. */
class SmtpUpstreamTest {

    private SmtpSink sink;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));

    @BeforeEach
    void startSink() throws IOException {
        sink = SmtpSink.start();
    }

    @AfterEach
    void stopSink() throws IOException {
        sink.close();
    }

    private SmtpUpstream upstream(UpstreamSettings.Builder builder) {
        return new SmtpUpstream(builder.timeouts(Duration.ofSeconds(2)).localHostName("guard.example.com").build());
    }

    private SmtpUpstream upstream() {
        return upstream(UpstreamSettings.builder("127.0.0.1", sink.port()));
    }

    @Test
    void sendsTheStoredEnvelopeExactly() {
        OutboundMessage m = message(sender("alice@example.com"), addresses("bob@example.org", "carol@example.net"),
                simpleMessage());

        DeliveryReport report = upstream().deliver(m);

        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
        assertThat(sink.transactions()).singleElement().satisfies(t -> {
            assertThat(t.mailFrom()).isEqualTo("<alice@example.com>");
            assertThat(t.mailParameters()).isEmpty();
            assertThat(t.recipients()).containsExactly("<bob@example.org>", "<carol@example.net>");
        });
    }

    @Test
    void sendsConsecutiveMessagesOverOnePooledConnection() {
        try (SmtpUpstream pooled = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                .timeouts(Duration.ofSeconds(2)).localHostName("guard.example.com").build(), 2, clock)) {
            for (int i = 0; i < 3; i++) {
                assertThat(pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org"),
                        simpleMessage())).results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
            }
        }
        assertThat(sink.transactions()).hasSize(3);
        assertThat(sink.connections()).isEqualTo(1);
    }

    @Test
    void reusesAConnectionIdleForSecondsAfterANoopButNotOneIdleLongerThanTheLimit() {
        try (SmtpUpstream pooled = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                .timeouts(Duration.ofSeconds(2)).localHostName("guard.example.com").build(), 2, clock)) {
            pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
            clock.advance(Duration.ofSeconds(3));
            pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
            assertThat(sink.connections()).as("idle 3 s: asked NOOP and reused").isEqualTo(1);
            clock.advance(SmtpUpstream.MAX_IDLE);
            pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
        }
        assertThat(sink.transactions()).hasSize(3);
        assertThat(sink.connections()).as("idle as long as the limit: closed, a new one opened").isEqualTo(2);
    }

    @Test
    void opensANewConnectionAfterATransactionThatDidNotRelayEveryRecipient() {
        sink.replyToRecipient("nobody@example.org", "550 5.1.1 no such user");
        try (SmtpUpstream pooled = new SmtpUpstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                .timeouts(Duration.ofSeconds(2)).localHostName("guard.example.com").build(), 2, clock)) {
            pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org", "nobody@example.org"),
                    simpleMessage()));
            pooled.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
        }
        assertThat(sink.transactions()).extracting(SmtpSink.Transaction::recipients)
                .containsExactly(List.of("<bob@example.org>"), List.of("<bob@example.org>"));
        assertThat(sink.connections()).isEqualTo(2);
    }

    @Test
    void usesOneConnectionPerMessageWithoutAPool() {
        SmtpUpstream upstream = upstream();
        upstream.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
        upstream.deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));
        assertThat(sink.connections()).isEqualTo(2);
    }

    @Test
    void sendsTheNullSenderAsEmptyPathNotTheHeaderFrom() {
        OutboundMessage m = message(ReversePath.NULL, addresses("bob@example.org"), simpleMessage());

        upstream().deliver(m);

        assertThat(sink.transactions()).singleElement().extracting(SmtpSink.Transaction::mailFrom).isEqualTo("<>");
    }

    @Test
    void sendsTraceHeaderThenTheStoredBytesUnchanged() {
        String stored = simpleMessage() + "8-bit: größe 見積書\r\n" + "x".repeat(990) + "\r\nBcc: hidden@example.net\r\n";
        OutboundMessage m = message("Q7", sender("alice@example.com"), addresses("bob@example.org"), true, bytes(stored));

        upstream().deliver(m);

        byte[] expected = (m.traceHeader() + stored).getBytes(StandardCharsets.UTF_8);
        assertThat(sink.transactions()).singleElement().satisfies(t -> assertThat(t.data()).isEqualTo(expected));
    }

    @Test
    void deliversToEnvelopeRecipientsThatNoHeaderNames() {
        OutboundMessage m = message(sender("alice@example.com"), addresses("bob@example.org", "secret-bcc@example.net"),
                simpleMessage() + "Cc: someone-else@example.com\r\n");

        DeliveryReport report = upstream().deliver(m);

        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
        assertThat(sink.transactions()).singleElement().extracting(SmtpSink.Transaction::recipients)
                .isEqualTo(List.of("<bob@example.org>", "<secret-bcc@example.net>"));
    }

    @Test
    void keepsRecipientsThatDifferOnlyInCaseApart() {
        sink.replyToRecipient("bob@example.org", "250 2.1.5 Ok").replyToRecipient("Bob@example.org", "550 5.1.1 unknown");
        OutboundMessage m = message(sender("alice@example.com"), addresses("bob@example.org", "Bob@example.org"),
                simpleMessage());

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(r -> r.recipient().localPart()).containsExactly("bob", "Bob");
        assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.RELAYED, Outcome.PERMANENT_FAILURE);
        assertThat(sink.transactions()).singleElement().extracting(SmtpSink.Transaction::recipients)
                .isEqualTo(List.of("<bob@example.org>"));
    }

    @Test
    void declaresEightBitMimeWhenTheClientDid() {
        upstream().deliver(message("Q2", sender("alice@example.com"), addresses("bob@example.org"), true,
                bytes(simpleMessage())));

        assertThat(sink.transactions()).singleElement().extracting(SmtpSink.Transaction::mailParameters)
                .isEqualTo("BODY=8BITMIME");
    }

    @Test
    void sendsEightBitBytesUnchangedWithoutTheParameterWhenTheUpstreamDoesNotOfferIt() {
        sink.extensions("PIPELINING", "SIZE 1000000");
        String stored = simpleMessage() + "größe\r\n";
        OutboundMessage m = message("Q3", sender("alice@example.com"), addresses("bob@example.org"), true, bytes(stored));

        upstream().deliver(m);

        assertThat(sink.transactions()).singleElement().satisfies(t -> {
            assertThat(t.mailParameters()).isEmpty();
            assertThat(t.data()).isEqualTo((m.traceHeader() + stored).getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void reportsEachRecipientWhenOneIsRefused() {
        sink.replyToRecipient("nobody@example.org", "550 5.1.1 no such user");
        OutboundMessage m = message(sender("alice@example.com"),
                addresses("bob@example.org", "nobody@example.org", "carol@example.net"), simpleMessage());

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(RecipientResult::outcome)
                .containsExactly(Outcome.RELAYED, Outcome.PERMANENT_FAILURE, Outcome.RELAYED);
        assertThat(results.get(0).reply()).isEqualTo("250 2.0.0 Ok: queued by sink");
        assertThat(results.get(1).reply()).isEqualTo("550 5.1.1 no such user");
        assertThat(sink.transactions()).singleElement().satisfies(t -> {
            assertThat(t.recipients()).containsExactly("<bob@example.org>", "<carol@example.net>");
            assertThat(t.rejected()).containsExactly("<nobody@example.org>");
        });
    }

    @Test
    void reportsATemporaryRecipientReplyAsTemporary() {
        sink.replyToRecipient("busy@example.org", "452 4.2.2 mailbox full");
        OutboundMessage m = message(sender("alice@example.com"), addresses("busy@example.org", "bob@example.org"),
                simpleMessage());

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(RecipientResult::outcome).containsExactly(Outcome.TEMPORARY_FAILURE, Outcome.RELAYED);
        assertThat(results.get(0).reply()).isEqualTo("452 4.2.2 mailbox full");
    }

    @Test
    void sendsNoDataWhenEveryRecipientIsRefused() {
        sink.replyToRecipient("a@example.org", "550 5.1.1 no such user").replyToRecipient("b@example.org", "553 5.1.3 bad");
        OutboundMessage m = message(sender("alice@example.com"), addresses("a@example.org", "b@example.org"), simpleMessage());

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(RecipientResult::reply).containsExactly("550 5.1.1 no such user", "553 5.1.3 bad");
        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.PERMANENT_FAILURE);
        assertThat(sink.transactions()).isEmpty();
    }

    @Test
    void givesRecipientsAcceptedAtRcptTheClassOfATemporaryDataReply() {
        sink.replyToData("451 4.3.0 try later").replyToRecipient("nobody@example.org", "550 5.1.1 no such user");
        OutboundMessage m = message(sender("alice@example.com"),
                addresses("bob@example.org", "nobody@example.org", "carol@example.net"), simpleMessage());

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(RecipientResult::outcome)
                .containsExactly(Outcome.TEMPORARY_FAILURE, Outcome.PERMANENT_FAILURE, Outcome.TEMPORARY_FAILURE);
        assertThat(results).extracting(RecipientResult::reply)
                .containsExactly("451 4.3.0 try later", "550 5.1.1 no such user", "451 4.3.0 try later");
    }

    @Test
    void givesAllRecipientsThePermanentClassOfARejectedMessage() {
        sink.replyToData("554 5.6.0 message refused");
        OutboundMessage m = message(sender("alice@example.com"), addresses("bob@example.org", "carol@example.net"),
                simpleMessage());

        assertThat(upstream().deliver(m).results()).extracting(RecipientResult::outcome)
                .containsOnly(Outcome.PERMANENT_FAILURE);
    }

    @Test
    void reportsARefusedConnectionAsTemporaryForEveryRecipient() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SmtpUpstream upstream = upstream(UpstreamSettings.builder("127.0.0.1", closedPort));

        List<RecipientResult> results = upstream.deliver(message(sender("alice@example.com"),
                addresses("bob@example.org", "carol@example.net"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.4.1 upstream 127.0.0.1:" + closedPort + " unreachable: ")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void reportsAConnectionClosedBeforeTheGreetingAsTemporary() {
        sink.behaviour(Behaviour.REFUSE);

        List<RecipientResult> results = upstream().deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 ");
    }

    @Test
    void givesUpOnAStalledServerWithinTheReadTimeout() {
        sink.behaviour(Behaviour.STALL);
        long start = System.nanoTime();

        List<RecipientResult> results = upstream().deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.4.2 upstream 127.0.0.1:" + sink.port() + " timed out");
    }

    /**
     * An upstream that answers 354 and then reads nothing more: the guard's writes fill the socket's buffers and block
     * until the write timeout (the shared timer of every connection) closes the socket; the message is deferred, and
     * the next connection still has its timeout.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void givesUpOnAServerThatStopsReadingWithinTheWriteTimeout() {
        sink.behaviour(Behaviour.STOP_READING_AT_DATA);
        SmtpUpstream upstream = upstream();
        byte[] content = bytes("Subject: large\r\n\r\n" + ("0123456789".repeat(7) + "\r\n").repeat(230_000));

        for (int attempt = 0; attempt < 2; attempt++) {
            long start = System.nanoTime();
            List<RecipientResult> results = upstream.deliver(TestMessages.message("Q" + attempt,
                    sender("alice@example.com"), addresses("bob@example.org"), false, content)).results();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("attempt %d", attempt).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
            assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        }
        assertThat(sink.connections()).isEqualTo(2);
    }

    @Test
    void treatsAConnectionDroppedAfterTheDataAsTemporary() {
        sink.behaviour(Behaviour.DISCONNECT_AFTER_DATA);

        List<RecipientResult> results = upstream().deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(sink.transactions()).hasSize(1);
    }

    @Test
    void neverDeliversInPlainTextWhenStartTlsIsRequiredButNotOffered() {
        SmtpUpstream upstream = upstream(UpstreamSettings.builder("127.0.0.1", sink.port())
                .tls(UpstreamSettings.Tls.STARTTLS));

        List<RecipientResult> results = upstream.deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.7.0 upstream 127.0.0.1:" + sink.port() + " TLS failure")
                .contains("STARTTLS");
        assertThat(sink.transactions()).isEmpty();
    }

    @Test
    void neverDeliversUnauthenticatedWhenCredentialsAreConfiguredButAuthIsNotOffered() {
        SmtpUpstream upstream = upstream(UpstreamSettings.builder("127.0.0.1", sink.port()).credentials("guard", "secret"));

        List<RecipientResult> results = upstream.deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.7.0").contains("AUTH");
        assertThat(sink.transactions()).isEmpty();
    }

    @Test
    void abortsTheTransactionWhenTheStoredMessageCannotBeRead() {
        OutboundMessage m = new OutboundMessage("Q9", sender("alice@example.com"), addresses("bob@example.org"), false,
                TestMessages.trace("Q9", addresses("bob@example.org")), () -> new FailingAfter(1000));

        List<RecipientResult> results = upstream().deliver(m).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("451 4.3.0 local error");
        assertThat(sink.transactions()).as("no truncated message may reach the upstream").isEmpty();
    }

    /** Delivers lines of text, then fails like a disk read error. */
    private static final class FailingAfter extends InputStream {

        private int left;

        FailingAfter(int bytes) {
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("simulated read error");
            }
            return left % 50 == 0 ? '\n' : left % 50 == 1 ? '\r' : 'x';
        }
    }
}
