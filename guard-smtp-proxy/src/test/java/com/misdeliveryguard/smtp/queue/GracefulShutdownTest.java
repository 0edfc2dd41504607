package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.core.guard.DeliverEverything;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY promise 3 at shutdown: stopping the guard while the upstream is slow to answer the
 * end of data never sends a recipient twice. The listener closes first (no new session), the
 * deliveries in flight finish within the drain time and their results are journaled, what had not
 * started yet stays in {@code outgoing/} and goes out once after the restart. The journal records a
 * 250 even on a thread that was interrupted (the old {@code FileChannel} journal threw
 * {@code ClosedByInterruptException} there, and the recipient was sent again after the restart).
 */
class GracefulShutdownTest {

    private final SmtpSink sink;
    private final RelayFixture relay;
    private RelayFixture restarted;

    GracefulShutdownTest() throws IOException {
        sink = SmtpSink.start();
        relay = new RelayFixture(sink.port(), new DeliverEverything());
    }

    @AfterEach
    void close() throws Exception {
        if (restarted != null) {
            restarted.close();
        }
        relay.close();
        sink.close();
    }

    private void submit(String messageId) throws IOException {
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<carol@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("From: alice@example.com\r\nSubject: shutdown\r\nMessage-ID: <" + messageId
                    + ">\r\n\r\nslow upstream\r\n.\r\n");
            RawSmtpClient.expect(client.reply(), "250");
        }
    }

    private long sent(String messageId) {
        return sink.transactions().stream().filter(t -> t.dataAsString().contains("<" + messageId + ">")).count();
    }

    @Test
    void shouldFinishDeliveriesInFlightAndSendEveryRecipientOnceAcrossARestart() throws Exception {
        sink.delayDataReply(Duration.ofSeconds(3));
        List<String> ids = List.of("slow-1@example.com", "slow-2@example.com", "slow-3@example.com");
        for (String id : ids) {
            submit(id);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 2);
        int port = relay.listener.port();

        relay.stop();

        assertThatThrownBy(() -> new RawSmtpClient(port).close()).as("the listener is closed first")
                .isInstanceOf(ConnectException.class);
        assertThat(sink.transactions()).as("the two in flight finished, the third was not started").hasSize(2);
        assertThat(relay.count(QueueState.OUTGOING)).as("the third waits in outgoing/ for the restart").isEqualTo(1);

        sink.delayDataReply(Duration.ZERO);
        restarted = new RelayFixture(sink.port(), new DeliverEverything(), relay.dir);
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.transactions().size() >= 3
                && restarted.count(QueueState.OUTGOING) == 0);
        Thread.sleep(500);
        assertThat(ids).allSatisfy(id -> assertThat(sent(id)).as(id).isEqualTo(1));
        assertThat(sink.transactions()).allSatisfy(t -> assertThat(t.recipients())
                .containsExactly("<bob@example.org>", "<carol@example.org>"));
    }

    @Test
    void shouldJournalTheUpstreamsAnswerOnAnInterruptedThread() throws Exception {
        SpooledMessage message;
        try (SpoolWriter writer = relay.spool.create()) {
            byte[] bytes = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            writer.write(bytes, 0, bytes.length);
            message = writer.commit(new com.misdeliveryguard.core.mail.Envelope(
                    com.misdeliveryguard.core.mail.ReversePath.of(MailAddress.of("alice@example.com")),
                    List.of(MailAddress.of("bob@example.org")), java.util.Optional.empty(), "192.0.2.1", "client.test",
                    false, false, RelayFixture.START), SpooledMessage.Origin.SMTP);
        }
        relay.spool.move(message.id(), QueueState.INCOMING, QueueState.HOLD);
        boolean stillInterrupted;
        Thread.currentThread().interrupt();
        try {
            relay.spool.recordRelayed(QueueState.HOLD, message.id(),
                    Map.of(MailAddress.of("bob@example.org"), "250 2.0.0 Ok"), Map.of());
        } finally {
            stillInterrupted = Thread.interrupted();
        }
        assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
        assertThat(relay.spool.journal(QueueState.HOLD, message.id()).relayed())
                .containsEntry(MailAddress.of("bob@example.org"), "250 2.0.0 Ok");
    }
}
