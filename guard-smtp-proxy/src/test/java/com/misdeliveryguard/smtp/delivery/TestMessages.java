package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Fixtures for delivery tests: outbound messages built from literal envelope values and bytes. */
final class TestMessages {

    static final Instant RECEIVED = Instant.parse("2025-06-03T09:15:02Z");

    private TestMessages() {
    }

    static MailAddress address(String mailbox) {
        return MailAddress.of(mailbox);
    }

    static List<MailAddress> addresses(String... mailboxes) {
        return Arrays.stream(mailboxes).map(MailAddress::of).toList();
    }

    static ReversePath sender(String mailbox) {
        return ReversePath.of(MailAddress.of(mailbox));
    }

    static String trace(String queueId, List<MailAddress> recipients) {
        return ReceivedHeader.builder().helo("client.example.com").clientAddress(InetAddress.getLoopbackAddress())
                .ourHost("guard.example.com").queueId(queueId).recipients(recipients).date(RECEIVED).build();
    }

    static OutboundMessage message(String queueId, ReversePath sender, List<MailAddress> recipients, boolean eightBit,
            byte[] content) {
        return new OutboundMessage(queueId, sender, recipients, eightBit, trace(queueId, recipients),
                () -> new ByteArrayInputStream(content));
    }

    static OutboundMessage message(ReversePath sender, List<MailAddress> recipients, String content) {
        return message("Q1", sender, recipients, false, bytes(content));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A small message whose headers name other people than the envelope does. */
    static String simpleMessage() {
        return "From: Alice <alice@example.com>\r\n"
                + "To: Bob <bob@example.org>\r\n"
                + "Subject: quarterly estimate\r\n"
                + "Message-ID: <m1@example.com>\r\n"
                + "\r\n"
                + "Hello Bob,\r\n"
                + ".a line that starts with a dot\r\n"
                + "..and one with two\r\n"
                + ".\r\n"
                + "regards\r\n";
    }
}
