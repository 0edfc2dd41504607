package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.delivery.OutboundMessage;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What each recipient of a message is sent. {@link DeliveryQueue} asks once per delivery attempt and
 * makes one upstream transaction per {@link Variant}; the default sends the stored bytes to everybody
 * in one transaction. A provider that rewrites (attachments as links) returns the original content for
 * some recipients and its own content for others.
 *
 * <p>Contract: the variants' recipients are exactly {@code pending}, each once. An exception means
 * nothing was sent: every pending recipient counts as a temporary failure (deferred with backoff,
 * bounced when the message's lifetime ends).
 */
@FunctionalInterface
public interface MessageVariants {

    /** Everybody gets the stored bytes, in one transaction. */
    MessageVariants ORIGINAL = (message, pending, original) -> List.of(new Variant(pending, original));

    List<Variant> split(SpooledMessage message, List<MailAddress> pending, OutboundMessage.Content original)
            throws IOException;

    /**
     * Whether {@link #split} is certain to give every recipient of this message, just checked, the stored bytes
     * in one transaction, known from the message, its facts and its verdict alone (before its records are
     * committed): then its delivery may start before it leaves {@code incoming/} (ADR 0017). False when unsure.
     */
    default boolean sendsStoredBytes(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        return this == ORIGINAL;
    }

    /**
     * Recipients that get the same bytes.
     *
     * @param recipients envelope recipients, not empty
     * @param content    the message bytes for them (without the trace header)
     */
    record Variant(List<MailAddress> recipients, OutboundMessage.Content content) {

        public Variant {
            recipients = List.copyOf(recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("a variant needs recipients");
            }
            Objects.requireNonNull(content, "content");
        }
    }
}
