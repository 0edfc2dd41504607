package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules know about a message, read from its stored bytes by {@link MessageFactsParser}.
 * Everything here comes from headers the client wrote: shown to people and used by rules, but never
 * used to route mail (the {@link com.misdeliveryguard.core.mail.Envelope} does that).
 *
 * @param from            the header From (first mailbox), if any could be read
 * @param to              header To mailboxes, groups expanded, display names decoded
 * @param cc              header Cc mailboxes, likewise
 * @param bcc             envelope recipients that appear in neither To nor Cc
 * @param subject         decoded Subject, empty string when absent
 * @param attachmentNames decoded file names of attachments (RFC 2231 and encoded words)
 * @param messageId       Message-ID without angle brackets, if present
 * @param inReplyTo       In-Reply-To ids
 * @param references      References ids
 * @param openingLines    the first non-empty lines the sender wrote (text part, else HTML rendered), without
 *                        quoted replies and signature; at most 20 lines and 2000 characters, joined by LF
 * @param problems        what could not be parsed; empty for a well-formed message
 * @param signedAs        the signed or encrypted media type the message contains (multipart/signed, …), if any
 */
public record MessageFacts(Optional<HeaderAddress> from, List<HeaderAddress> to, List<HeaderAddress> cc,
        List<MailAddress> bcc, String subject, List<String> attachmentNames, Optional<String> messageId,
        List<String> inReplyTo, List<String> references, String openingLines, List<String> problems,
        Optional<String> signedAs) {

    /** Facts of a message that is neither signed nor encrypted. */
    public MessageFacts(Optional<HeaderAddress> from, List<HeaderAddress> to, List<HeaderAddress> cc,
            List<MailAddress> bcc, String subject, List<String> attachmentNames, Optional<String> messageId,
            List<String> inReplyTo, List<String> references, String openingLines, List<String> problems) {
        this(from, to, cc, bcc, subject, attachmentNames, messageId, inReplyTo, references, openingLines, problems,
                Optional.empty());
    }

    public MessageFacts {
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Objects.requireNonNull(subject, "subject");
        attachmentNames = List.copyOf(attachmentNames);
        Objects.requireNonNull(messageId, "messageId");
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        Objects.requireNonNull(openingLines, "openingLines");
        problems = List.copyOf(problems);
        Objects.requireNonNull(signedAs, "signedAs");
    }

    /** True when the parser could read everything it needed. */
    public boolean wellFormed() {
        return problems.isEmpty();
    }
}
