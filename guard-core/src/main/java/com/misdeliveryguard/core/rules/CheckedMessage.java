package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.List;
import java.util.Objects;

/**
 * What every rule gets: the envelope, the facts parsed from the message, each envelope recipient as
 * the directory resolved it, and the directory for further questions.
 *
 * @param envelope   the envelope as accepted
 * @param facts      the parsed message
 * @param recipients every envelope recipient, in envelope order
 * @param directory  the directory the recipients were resolved in
 */
record CheckedMessage(Envelope envelope, MessageFacts facts, List<ResolvedRecipient> recipients,
        ContactDirectory directory) {

    CheckedMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(facts, "facts");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(directory, "directory");
    }

    /** Recipients outside the company's own domains. */
    List<ResolvedRecipient> external() {
        return recipients.stream().filter(ResolvedRecipient::external).toList();
    }

    /** True when at least one recipient is outside the company. */
    boolean goesOutside() {
        return recipients.stream().anyMatch(ResolvedRecipient::external);
    }

    /** To and Cc recipients. */
    List<ResolvedRecipient> visible() {
        return recipients.stream().filter(ResolvedRecipient::visible).toList();
    }
}
