package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static com.misdeliveryguard.smtp.delivery.TestMessages.bytes;
import static com.misdeliveryguard.smtp.delivery.TestMessages.message;
import static com.misdeliveryguard.smtp.delivery.TestMessages.sender;
import static com.misdeliveryguard.smtp.delivery.TestMessages.simpleMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxUpstreamTest {

    @TempDir
    Path dir;

    @Test
    void writesEnvelopeTraceHeaderAndTheExactBytes() throws IOException {
        String stored = simpleMessage() + "größe\r\n";
        OutboundMessage m = message("Q1", sender("alice@example.com"), addresses("bob@example.org", "carol@example.net"),
                true, bytes(stored));

        DeliveryReport report = new OutboxUpstream(dir.resolve("outbox")).deliver(m);

        Path file = dir.resolve("outbox/Q1-1.eml");
        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
        assertThat(report.results()).extracting(RecipientResult::reply).containsOnly("250 2.0.0 written to Q1-1.eml");
        assertThat(Files.readAllBytes(file)).isEqualTo(("X-Envelope-From: <alice@example.com>\r\n"
                + "X-Envelope-To: <bob@example.org>, <carol@example.net>\r\n" + m.traceHeader() + stored)
                .getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir.resolve("outbox"))) {
            assertThat(files).as("no temp files left").containsExactly(file);
        }
    }

    @Test
    void neverOverwritesAnEarlierDeliveryOfTheSameMessage() {
        OutboxUpstream outbox = new OutboxUpstream(dir);
        OutboundMessage m = message(ReversePath.NULL, addresses("bob@example.org"), simpleMessage());

        outbox.deliver(m);
        DeliveryReport second = outbox.deliver(m);

        assertThat(second.results().get(0).reply()).isEqualTo("250 2.0.0 written to Q1-2.eml");
        assertThat(dir.resolve("Q1-1.eml")).exists();
        assertThat(dir.resolve("Q1-2.eml")).content(StandardCharsets.UTF_8).startsWith("X-Envelope-From: <>\r\n");
    }

    @Test
    void foldsALongRecipientList() {
        OutboundMessage m = message(sender("alice@example.com"), addresses("recipient-number-one@example.org",
                "recipient-number-two@example.org", "recipient-number-three@example.org"), simpleMessage());

        String lines = OutboxUpstream.envelopeLines(m);

        assertThat(lines.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(lines).endsWith("X-Envelope-To: <recipient-number-one@example.org>,\r\n"
                + "\t<recipient-number-two@example.org>, <recipient-number-three@example.org>\r\n");
    }

    @Test
    void reportsAnUnwritableOutboxAsTemporary() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("outbox"), "occupied");

        DeliveryReport report = new OutboxUpstream(notADirectory).deliver(
                message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));

        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(report.results().get(0).reply()).startsWith("451 4.3.0 outbox");
    }

    @Test
    void makesASafeFileNameFromAnyQueueId() {
        assertThat(OutboxUpstream.fileStem("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
        assertThat(OutboxUpstream.fileStem("A1b2-C3_d.4")).isEqualTo("A1b2-C3_d.4");
    }
}
