package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A small message from alice@example.com committed to {@code incoming/} as an SMTP session commits it. */
final class Submitted {

    private Submitted() {
    }

    static SpooledMessage to(Spool spool, List<MailAddress> recipients) throws IOException {
        try (SpoolWriter writer = spool.create()) {
            byte[] bytes = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
            writer.write(bytes, 0, bytes.length);
            return writer.commit(new Envelope(ReversePath.of(MailAddress.of("alice@example.com")), recipients,
                    Optional.empty(), "192.0.2.1", "client.test", false, false, Instant.parse("2026-12-07T09:00:00Z")),
                    SpooledMessage.Origin.SMTP);
        }
    }
}
