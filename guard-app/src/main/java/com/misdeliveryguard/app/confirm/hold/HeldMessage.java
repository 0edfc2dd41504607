package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A held message as the confirmation side knows it: what the sender needs to see to decide
 * (header facts, findings, recipients), where it stands, and whom to tell. The message bytes stay
 * in the spool; {@link #messageSha256()} binds links and decisions to them.
 *
 * @param queueId           the spool id
 * @param messageSha256     SHA-256 of the stored bytes when it was held
 * @param sender            the envelope sender
 * @param authenticatedUser the SMTP AUTH user, if any
 * @param notifyTo          where notifications go: the envelope sender, or the authenticated user's address;
 *                          empty when nobody can be told (null sender without AUTH)
 * @param subject           decoded subject
 * @param messageId         the Message-ID, if any
 * @param openingLines      the first lines the sender wrote (empty once decided)
 * @param verdictAction     {@code HOLD} or {@code DELAY}
 * @param approval          whether and when a supervisor approves
 * @param state             where the hold stands
 * @param outcome           how it ended, e.g. {@code confirmed}, {@code expired-discarded}
 * @param times             when things happened
 * @param decided           who decided last, once somebody did
 * @param recipients        envelope recipients first (in envelope order), then header-only addresses
 * @param findings          the verdict's findings
 * @param attachmentNames   decoded attachment file names
 */
public record HeldMessage(String queueId, String messageSha256, ReversePath sender, Optional<String> authenticatedUser,
        Optional<MailAddress> notifyTo, String subject, Optional<String> messageId, String openingLines,
        Action verdictAction, Approval approval, HoldState state, Optional<String> outcome, HoldTimes times,
        Optional<Decided> decided, List<HeldRecipient> recipients, List<Finding> findings,
        List<String> attachmentNames) {

    public HeldMessage {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(messageSha256, "messageSha256");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(authenticatedUser, "authenticatedUser");
        Objects.requireNonNull(notifyTo, "notifyTo");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(openingLines, "openingLines");
        Objects.requireNonNull(verdictAction, "verdictAction");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(decided, "decided");
        recipients = List.copyOf(recipients);
        findings = List.copyOf(findings);
        attachmentNames = List.copyOf(attachmentNames);
    }

    /** The envelope recipients, in envelope order: what can be delivered to. */
    public List<MailAddress> envelopeRecipients() {
        return recipients.stream().filter(HeldRecipient::inEnvelope).map(r -> r.mailAddress().orElseThrow()).toList();
    }

    /** Envelope recipients that a finding concerns: each needs its own tick. */
    public List<MailAddress> flaggedRecipients() {
        return recipients.stream().filter(r -> r.inEnvelope() && r.flagged()).map(r -> r.mailAddress().orElseThrow())
                .toList();
    }

    /** Envelope recipients an earlier decision confirmed (the sender's choice, when an approver decides after). */
    public List<MailAddress> confirmedRecipients() {
        return recipients.stream().filter(HeldRecipient::inEnvelope)
                .filter(r -> r.decision().filter(d -> d == HeldRecipient.RecipientDecision.CONFIRMED).isPresent())
                .map(r -> r.mailAddress().orElseThrow()).toList();
    }

    /** The findings about one recipient (compared with the local part case-insensitive). */
    public List<Finding> findingsAbout(MailAddress recipient) {
        String key = ContactAddresses.key(recipient);
        return findings.stream().filter(f -> f.recipient().map(ContactAddresses::key).filter(key::equals).isPresent())
                .toList();
    }

    /** Findings about the message as a whole, or about an address that is no envelope recipient. */
    public List<Finding> generalFindings() {
        List<MailAddress> envelope = envelopeRecipients();
        return findings.stream().filter(f -> f.recipient().isEmpty() || envelope.stream()
                .noneMatch(r -> ContactAddresses.key(r).equals(ContactAddresses.key(f.recipient().get())))).toList();
    }

    /** The rule ids of the findings, without repetition, in order. */
    public List<String> ruleIds() {
        return findings.stream().map(Finding::ruleId).distinct().toList();
    }

    /** The hold after a state change (for building views without reading it again). */
    public HeldMessage withState(HoldState newState, String newOutcome) {
        return new HeldMessage(queueId, messageSha256, sender, authenticatedUser, notifyTo, subject, messageId,
                openingLines, verdictAction, approval, newState, Optional.of(newOutcome), times, decided, recipients,
                findings, attachmentNames);
    }
}
