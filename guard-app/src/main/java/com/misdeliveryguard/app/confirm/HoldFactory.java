package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.app.confirm.hold.HeaderRole;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldTimes;
import com.misdeliveryguard.app.confirm.hold.RecipientIdentity;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the record of a new hold from what the relay path knew at the check: the spooled message
 * (id, envelope, stored SHA-256), the facts the parser read, and the verdict.
 *
 * <p>Recipients: every envelope recipient with its header role (To, Cc, or Bcc when the header names
 * it nowhere), display name and the identity the verdict resolved it to ({@link RecipientIdentity}), then every To/Cc address that is no envelope recipient. A recipient
 * is flagged when a finding concerns it; when the findings concern only the message as a whole,
 * every recipient is flagged, so that each still needs its own tick.
 */
final class HoldFactory {

    private final ConfirmProperties properties;
    private final NotifyAddress notifyAddress;

    HoldFactory(ConfirmProperties properties, NotifyAddress notifyAddress) {
        this.properties = properties;
        this.notifyAddress = notifyAddress;
    }

    HeldMessage of(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict, Instant now) {
        List<String> rules = verdict.findings().stream().map(Finding::ruleId).distinct().toList();
        boolean delay = verdict.action() == Action.DELAY;
        Optional<Instant> deliverAt = delay ? Optional.of(now.plus(properties.delayFor(rules))) : Optional.empty();
        Instant expiresAt = deliverAt.orElse(now.plus(properties.expiry()));
        Approval approval = delay || properties.approversFor(rules).isEmpty() ? Approval.NONE
                : properties.approval() == ConfirmProperties.ApprovalMode.INSTEAD ? Approval.INSTEAD : Approval.AFTER;
        return new HeldMessage(message.id(), message.sha256(), message.envelope().sender(),
                message.envelope().authenticatedUser(), notifyAddress.of(message.envelope()),
                facts.map(MessageFacts::subject).orElse(""), facts.flatMap(MessageFacts::messageId),
                facts.map(MessageFacts::openingLines).orElse(""), delay ? Action.DELAY : Action.HOLD, approval,
                delay ? HoldState.DELAYED : HoldState.HELD, Optional.empty(),
                HoldTimes.created(now, expiresAt, deliverAt), Optional.empty(),
                recipients(message.envelope().recipients(), facts, verdict), verdict.findings(),
                facts.map(MessageFacts::attachmentNames).orElse(List.of()));
    }

    private static List<HeldRecipient> recipients(List<MailAddress> envelope, Optional<MessageFacts> facts,
            Verdict verdict) {
        List<Finding> findings = verdict.findings();
        List<HeaderAddress> to = facts.map(MessageFacts::to).orElse(List.of());
        List<HeaderAddress> cc = facts.map(MessageFacts::cc).orElse(List.of());
        Set<String> flagged = new HashSet<>();
        findings.forEach(f -> f.recipient().map(ContactAddresses::key).ifPresent(flagged::add));
        boolean anyFlagged = envelope.stream().anyMatch(r -> flagged.contains(ContactAddresses.key(r)));
        List<HeldRecipient> out = new ArrayList<>();
        Set<String> envelopeKeys = new HashSet<>();
        for (MailAddress r : envelope) {
            String key = ContactAddresses.key(r);
            envelopeKeys.add(key);
            Optional<HeaderAddress> inTo = find(to, key);
            Optional<HeaderAddress> inCc = find(cc, key);
            HeaderRole role = inTo.isPresent() ? HeaderRole.TO : inCc.isPresent() ? HeaderRole.CC : HeaderRole.BCC;
            String name = inTo.or(() -> inCc).map(HeaderAddress::displayName).orElse("");
            Optional<RecipientIdentity> identity = verdict.recipients().stream()
                    .filter(resolved -> ContactAddresses.key(resolved.address()).equals(key)).findFirst()
                    .map(RecipientIdentity::of);
            out.add(new HeldRecipient(r.toString(), Optional.of(r), role, name, true,
                    !anyFlagged || flagged.contains(key), identity));
        }
        Set<String> seen = new HashSet<>(envelopeKeys);
        headerOnly(to, HeaderRole.TO, seen, out);
        headerOnly(cc, HeaderRole.CC, seen, out);
        return out;
    }

    private static void headerOnly(List<HeaderAddress> header, HeaderRole role, Set<String> seen,
            List<HeldRecipient> out) {
        for (HeaderAddress h : header) {
            String key = h.address().map(ContactAddresses::key).orElse(h.rawAddress());
            if (seen.add(key)) {
                out.add(new HeldRecipient(h.address().map(MailAddress::toString).orElse(h.rawAddress()), h.address(),
                        role, h.displayName(), false, false, Optional.empty()));
            }
        }
    }

    private static Optional<HeaderAddress> find(List<HeaderAddress> header, String key) {
        return header.stream().filter(h -> h.address().map(ContactAddresses::key).filter(key::equals).isPresent())
                .findFirst();
    }
}
