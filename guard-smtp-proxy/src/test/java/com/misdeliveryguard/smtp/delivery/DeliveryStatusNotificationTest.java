package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.address;
import static com.misdeliveryguard.smtp.delivery.TestMessages.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationTest {

    private static final Instant NOW = Instant.parse("2025-06-08T10:00:00Z");
    private static final Instant ARRIVAL = Instant.parse("2025-06-03T09:15:02Z");
    private static final String ORIGINAL = "From: Alice <alice@example.com>\r\nTo: Bob <bob@example.org>\r\n"
            + "Subject: quarterly estimate\r\nMessage-ID: <m1@example.com>\r\n\r\nBODY-SECRET line\r\n";

    private final DeliveryStatusNotification dsn = new DeliveryStatusNotification(Clock.fixed(NOW, ZoneOffset.UTC));

    private static DsnRecipient failed(String address, String reply) {
        return DsnRecipient.failed(new RecipientResult(address(address), Outcome.PERMANENT_FAILURE, reply),
                Optional.of("smtp.example.com"), NOW.minusSeconds(60));
    }

    private static DsnRequest request(List<DsnRecipient> recipients, String original) {
        return new DsnRequest("guard.example.com", "Q1", address("alice@example.com"), ARRIVAL, recipients,
                () -> new ByteArrayInputStream(bytes(original)));
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    /** Per-message fields first, then one block per recipient. */
    private static List<InternetHeaders> deliveryStatus(BodyPart part) throws Exception {
        List<InternetHeaders> blocks = new ArrayList<>();
        try (InputStream in = part.getInputStream()) {
            while (true) {
                InternetHeaders block = new InternetHeaders(in);
                if (!block.getAllHeaders().hasMoreElements()) {
                    return blocks;
                }
                blocks.add(block);
            }
        }
    }

    private static String text(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void buildsAMultipartReportWithTheThreeParts() throws Exception {
        MimeMessage message = parse(dsn.build(request(List.of(failed("nobody@example.org", "550 5.1.1 no such user")),
                ORIGINAL)));

        assertThat(message.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(message.getHeader("From")).containsExactly("Mail Delivery System <MAILER-DAEMON@guard.example.com>");
        assertThat(message.getHeader("To")).containsExactly("<alice@example.com>");
        assertThat(message.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(message.getSentDate()).isEqualTo(java.util.Date.from(NOW));
        assertThat(message.getMessageID()).isEqualTo("<" + NOW.toEpochMilli() + ".Q1.dsn@guard.example.com>");

        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(text(parts.getBodyPart(0))).contains("could not be delivered", "配送できませんでした",
                "<nobody@example.org>", "550 5.1.1 no such user");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualTo("message/delivery-status");
        assertThat(parts.getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
    }

    @Test
    void reportsEachRecipientInTheDeliveryStatusPart() throws Exception {
        MimeMessage message = parse(dsn.build(request(List.of(failed("nobody@example.org", "550 5.1.1 no such user"),
                failed("full@example.org", "552 mailbox full")), ORIGINAL)));

        List<InternetHeaders> blocks = deliveryStatus(((MimeMultipart) message.getContent()).getBodyPart(1));

        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).getHeader("Reporting-MTA", null)).isEqualTo("dns; guard.example.com");
        assertThat(blocks.get(0).getHeader("Arrival-Date", null)).isEqualTo("Tue, 3 Jun 2025 09:15:02 +0000");
        InternetHeaders first = blocks.get(1);
        assertThat(first.getHeader("Final-Recipient", null)).isEqualTo("rfc822; nobody@example.org");
        assertThat(first.getHeader("Action", null)).isEqualTo("failed");
        assertThat(first.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(first.getHeader("Remote-MTA", null)).isEqualTo("dns; smtp.example.com");
        assertThat(first.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 no such user");
        assertThat(first.getHeader("Last-Attempt-Date", null)).isEqualTo("Sun, 8 Jun 2025 09:59:00 +0000");
        assertThat(blocks.get(2).getHeader("Status", null)).as("derived from the basic code").isEqualTo("5.0.0");
    }

    @Test
    void includesOnlyTheHeaderSectionOfTheOriginal() throws Exception {
        MimeMessage message = parse(dsn.build(request(List.of(failed("nobody@example.org", "550 x")), ORIGINAL)));

        String headers = text(((MimeMultipart) message.getContent()).getBodyPart(2));

        assertThat(headers).isEqualTo(ORIGINAL.substring(0, ORIGINAL.indexOf("\r\n\r\n") + 2));
        assertThat(headers).doesNotContain("BODY-SECRET");
    }

    @Test
    void encodesEightBitOriginalHeadersSoTheNotificationStaysSevenBit() throws Exception {
        String original = "From: 田中 <tanaka@example.co.jp>\r\nSubject: 見積書\r\n\r\nbody\r\n";

        byte[] built = dsn.build(request(List.of(failed("nobody@example.org", "550 x")), original));

        for (byte b : built) {
            assertThat(b).isBetween((byte) 1, (byte) 127);
        }
        BodyPart headers = ((MimeMultipart) parse(built).getContent()).getBodyPart(2);
        assertThat(headers.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(text(headers)).isEqualTo("From: 田中 <tanaka@example.co.jp>\r\nSubject: 見積書\r\n");
    }

    @Test
    void capsTheOriginalHeadersAtALineBoundary() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; big.length() < 100_000; i++) {
            big.append("X-Filler-").append(i).append(": ").append("y".repeat(60)).append("\r\n");
        }
        byte[] built = new DeliveryStatusNotification(Clock.fixed(NOW, ZoneOffset.UTC), 64 * 1024)
                .build(request(List.of(failed("nobody@example.org", "550 x")), big + "\r\nbody\r\n"));

        String headers = text(((MimeMultipart) parse(built).getContent()).getBodyPart(2));

        assertThat(headers.length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(headers).startsWith("X-Filler-0: ").endsWith("\r\n");
        assertThat(big.toString()).startsWith(headers);
    }

    @Test
    void warnsAboutDelaysWithItsOwnSubjectAndRetryTime() throws Exception {
        DsnRecipient delayed = DsnRecipient.delayed(new RecipientResult(address("bob@example.org"),
                Outcome.TEMPORARY_FAILURE, "421 4.4.1 upstream smtp.example.com:587 unreachable: Connection refused"),
                Optional.empty(), NOW, ARRIVAL.plusSeconds(5 * 86400));

        MimeMessage message = parse(dsn.build(request(List.of(delayed), ORIGINAL)));

        assertThat(message.getSubject()).isEqualTo("Delayed Mail (still being retried)");
        InternetHeaders block = deliveryStatus(((MimeMultipart) message.getContent()).getBodyPart(1)).get(1);
        assertThat(block.getHeader("Action", null)).isEqualTo("delayed");
        assertThat(block.getHeader("Status", null)).isEqualTo("4.4.1");
        assertThat(block.getHeader("Remote-MTA")).isNull();
        assertThat(block.getHeader("Will-Retry-Until", null)).isEqualTo("Sun, 8 Jun 2025 09:15:02 +0000");
        assertThat(text(((MimeMultipart) message.getContent()).getBodyPart(0))).contains("not been delivered yet",
                "まだ配送できていません");
    }

    @Test
    void derivesTheStatusFromTheBasicCodeWhenTheEnhancedCodeDisagrees() {
        assertThat(failed("a@example.org", "451 5.1.1 contradictory").status()).isEqualTo("4.0.0");
        assertThat(failed("a@example.org", "550-5.7.1 policy").status()).isEqualTo("5.7.1");
        assertThat(failed("a@example.org", "no reply at all").status()).isEqualTo("5.0.0");
    }

    /**
     * An upstream reply is text chosen by a remote server; CR/LF in it must not become header lines of
     * the notification or fields of the delivery-status part.
     */
    @Test
    void crlfInAReplyCannotAddHeadersOrFields() throws Exception {
        String hostile = "550 5.1.1 bad\r\nBcc: victim@example.net\r\n\r\nX-Injected: yes\nFinal-Recipient: rfc822; forged@example.net";
        DsnRecipient recipient = new DsnRecipient(address("nobody@example.org"), DsnRecipient.Action.FAILED, hostile,
                Optional.empty(), NOW, Optional.empty());

        MimeMessage message = parse(dsn.build(request(List.of(recipient), ORIGINAL)));

        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Injected")).isNull();
        List<InternetHeaders> blocks = deliveryStatus(((MimeMultipart) message.getContent()).getBodyPart(1));
        assertThat(blocks).hasSize(2);
        assertThat(Collections.list(blocks.get(1).getAllHeaders())).extracting(h -> h.getName())
                .containsExactly("Final-Recipient", "Action", "Status", "Diagnostic-Code", "Last-Attempt-Date");
        assertThat(blocks.get(1).getHeader("Final-Recipient", null)).isEqualTo("rfc822; nobody@example.org");
        assertThat(blocks.get(1).getHeader("Final-Recipient")).hasSize(1);
        assertThat(MimeUtility.unfold(blocks.get(1).getHeader("Diagnostic-Code", null)).replace('\t', ' '))
                .isEqualTo("smtp; 550 5.1.1 bad Bcc: victim@example.net X-Injected: yes Final-Recipient: rfc822; forged@example.net");
    }

    @Test
    void addressesAndHostNamesWithCrlfCannotBeBuilt() {
        assertThatThrownBy(() -> MailAddress.of("alice@example.com\r\nBcc: victim@example.net"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DsnRequest("guard.example.com\r\nBcc: x@y.z", "Q1", address("alice@example.com"),
                ARRIVAL, List.of(failed("a@example.org", "550 x")), () -> InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DsnRecipient(address("a@example.org"), DsnRecipient.Action.FAILED, "550 x",
                Optional.of("mx.example.com\r\nX: y"), NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverBuildsANotificationForTheNullSender() {
        assertThatThrownBy(() -> DsnRequest.forSender(ReversePath.NULL, "guard.example.com", "Q1", ARRIVAL,
                List.of(failed("a@example.org", "550 x")), InputStream::nullInputStream))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null sender");
        assertThat(DsnRequest.forSender(TestMessages.sender("alice@example.com"), "guard.example.com", "Q1", ARRIVAL,
                List.of(failed("a@example.org", "550 x")), InputStream::nullInputStream).sender())
                .isEqualTo(address("alice@example.com"));
    }

    @Test
    void leavesOutTheHeadersPartWhenTheOriginalIsUnreadable() throws Exception {
        DsnRequest request = new DsnRequest("guard.example.com", "Q1", address("alice@example.com"), ARRIVAL,
                List.of(failed("a@example.org", "550 x")), () -> {
                    throw new IOException("spool file gone");
                });

        MimeMultipart parts = (MimeMultipart) parse(dsn.build(request)).getContent();

        assertThat(parts.getCount()).isEqualTo(2);
    }
}
