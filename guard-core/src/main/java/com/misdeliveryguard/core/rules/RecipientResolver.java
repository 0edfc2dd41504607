package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.RecipientRole;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.List;
import java.util.Optional;

/**
 * Resolves each envelope recipient in the directory (SPEC §3 step 3): its role (To, Cc or Bcc, by the
 * headers), its display name, the contact owning it, its organization and whether it is internal.
 *
 * <p>The status is {@code KNOWN_CONTACT} when a contact owns the address; else {@code LEARNED} when the
 * envelope sender confirmed it before (and the policy consults learned recipients; a learned list that
 * cannot answer counts as "not learned", so the unknown rules hold); else
 * {@code KNOWN_ORGANIZATION} when an organization owns the domain; else {@code UNKNOWN}. The organization is
 * the contact's (a contact writing from a free-mail domain still belongs to their company), else the
 * domain's owner. A recipient the directory could not be asked about is {@code UNAVAILABLE}.
 */
final class RecipientResolver {

    private final ContactDirectory directory;
    private final Optional<LearnedRecipients> learned;

    RecipientResolver(ContactDirectory directory, Optional<LearnedRecipients> learned) {
        this.directory = directory;
        this.learned = learned;
    }

    List<ResolvedRecipient> resolve(Envelope envelope, MessageFacts facts) {
        return envelope.recipients().stream().map(recipient -> resolve(recipient, envelope, facts)).toList();
    }

    private ResolvedRecipient resolve(MailAddress address, Envelope envelope, MessageFacts facts) {
        Optional<HeaderAddress> to = find(facts.to(), address);
        Optional<HeaderAddress> cc = to.isPresent() ? Optional.empty() : find(facts.cc(), address);
        RecipientRole role = to.isPresent() ? RecipientRole.TO : cc.isPresent() ? RecipientRole.CC : RecipientRole.BCC;
        String displayName = to.or(() -> cc).map(HeaderAddress::displayName).orElse("");
        try {
            DomainName domain = DomainName.of(address);
            Optional<Contact> contact = directory.contactByAddress(address);
            boolean internal = directory.isInternal(address, contact);
            Optional<Organization> owner = directory.organizationOwning(domain);
            Optional<Organization> organization = contact.flatMap(Contact::organization)
                    .flatMap(ref -> directory.organization(ref.id())).or(() -> owner);
            DirectoryStatus status;
            if (contact.isPresent()) {
                status = DirectoryStatus.KNOWN_CONTACT;
            } else if (isLearned(envelope, address)) {
                status = DirectoryStatus.LEARNED;
            } else if (owner.isPresent()) {
                status = DirectoryStatus.KNOWN_ORGANIZATION;
            } else {
                status = DirectoryStatus.UNKNOWN;
            }
            return new ResolvedRecipient(address, role, displayName, status, contact, organization, internal);
        } catch (RuntimeException unavailable) {
            return new ResolvedRecipient(address, role, displayName, DirectoryStatus.UNAVAILABLE, Optional.empty(),
                    Optional.empty(), false);
        }
    }

    private boolean isLearned(Envelope envelope, MailAddress recipient) {
        Optional<MailAddress> sender = envelope.sender().address();
        if (learned.isEmpty() || sender.isEmpty()) {
            return false;
        }
        try {
            return learned.get().find(sender.get(), recipient).isPresent();
        } catch (RuntimeException unavailable) {
            return false; // not learned: the unknown rules hold (fail closed)
        }
    }

    private static Optional<HeaderAddress> find(List<HeaderAddress> header, MailAddress address) {
        return header.stream()
                .filter(h -> h.address().filter(a -> a.domain().equals(address.domain())
                        && a.localPart().equalsIgnoreCase(address.localPart())).isPresent())
                .findFirst();
    }
}
