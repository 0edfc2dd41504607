package com.misdeliveryguard.smtp.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A held message is not delivered until it is released; a release to fewer recipients delivers to
 * those alone and records the others as dropped; a discarded message is gone.
 */
class HeldMessageReleaseTest {

    private final SmtpSink sink;
    private final RelayFixture relay;

    HeldMessageReleaseTest() throws IOException {
        sink = SmtpSink.start();
        relay = new RelayFixture(sink.port(), (envelope, facts) -> new Verdict(Action.HOLD, List.of()));
    }

    @AfterEach
    void close() throws Exception {
        relay.close();
        sink.close();
    }

    private String submit() throws IOException {
        try (RawSmtpClient client = relay.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            for (String rcpt : List.of("bob@example.org", "carol@example.net", "dave@example.org")) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + rcpt + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: estimate\r\n\r\nsee attached\r\n.\r\n");
            String reply = RawSmtpClient.expect(client.reply(), "250 2.0.0 Ok: queued as ");
            return reply.substring("250 2.0.0 Ok: queued as ".length());
        }
    }

    @Test
    void shouldDeliverOnlyToTheConfirmedRecipients() throws Exception {
        String id = submit();
        assertThat(relay.count(QueueState.HOLD)).isEqualTo(1);
        Thread.sleep(300);
        assertThat(sink.transactions()).isEmpty();

        relay.queue.release(id, List.of(MailAddress.of("bob@example.org"), MailAddress.of("dave@example.org")),
                "unticked by the sender");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.transactions().size() == 1);
        assertThat(sink.transactions().get(0).recipients()).containsExactly("<bob@example.org>", "<dave@example.org>");
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.count(QueueState.OUTGOING) == 0);
        assertThat(relay.count(QueueState.HOLD)).isZero();
    }

    @Test
    void shouldRefuseToReleaseToARecipientOutsideTheEnvelope() throws Exception {
        String id = submit();
        assertThatThrownBy(() -> relay.queue.release(id, List.of(MailAddress.of("mallory@example.com")), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(relay.count(QueueState.HOLD)).isEqualTo(1);
    }

    @Test
    void shouldForgetADiscardedMessage() throws Exception {
        String id = submit();
        relay.queue.discard(id);
        assertThat(relay.count(QueueState.HOLD)).isZero();
        Thread.sleep(300);
        assertThat(sink.transactions()).isEmpty();
    }
}
