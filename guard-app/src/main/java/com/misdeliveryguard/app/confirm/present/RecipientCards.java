package com.misdeliveryguard.app.confirm.present;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks recipients up in the directory for display ({@link ContactDirectory}, cached) and, when a
 * learned-recipient store is wired, whether the sender confirmed the address before. A directory
 * failure does not fail the page: the card says the directory was unavailable.
 */
public final class RecipientCards {

    private static final Logger log = LoggerFactory.getLogger(RecipientCards.class);
    private final ContactDirectory directory;
    private final Optional<LearnedRecipients> learned;

    public RecipientCards(ContactDirectory directory, Optional<LearnedRecipients> learned) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.learned = Objects.requireNonNull(learned, "learned");
    }

    /** The card of one recipient of a message from {@code sender}. */
    public RecipientCard card(MailAddress address, ReversePath sender) {
        DomainName domain = DomainName.of(address);
        Optional<String> unicode = Optional.of(domain.unicode()).filter(u -> !u.equals(domain.ascii()));
        try {
            boolean internal = directory.isInternal(domain);
            Optional<Contact> contact = directory.contactByAddress(address);
            if (contact.isPresent()) {
                Contact c = contact.get();
                Optional<String> org = c.organization().map(o -> o.name().display());
                return new RecipientCard(address.toString(), unicode, c.name().map(PersonName::display), org,
                        c.department(), internal || c.internal(), RecipientCard.Standing.CONTACT,
                        org.orElse(domain.unicode()));
            }
            Optional<String> owner = directory.organizationOwning(domain).map(Organization::name)
                    .map(OrganizationName::display);
            RecipientCard.Standing standing = owner.isPresent() ? RecipientCard.Standing.KNOWN_ORGANIZATION
                    : wasLearned(address, sender) ? RecipientCard.Standing.LEARNED : RecipientCard.Standing.UNKNOWN;
            return new RecipientCard(address.toString(), unicode, Optional.empty(), owner, Optional.empty(), internal,
                    standing, owner.orElse(domain.unicode()));
        } catch (RuntimeException e) {
            log.warn("Directory lookup failed while showing a held message: {}", e.toString());
            return new RecipientCard(address.toString(), unicode, Optional.empty(), Optional.empty(), Optional.empty(),
                    false, RecipientCard.Standing.UNAVAILABLE, domain.unicode());
        }
    }

    /** The directory department of the sender, for the decision log's statistics. */
    public Optional<String> departmentOf(ReversePath sender) {
        try {
            return sender.address().flatMap(directory::contactByAddress).flatMap(Contact::department);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when the directory has a contact with this address (errors count as not known). */
    public boolean isContact(MailAddress address) {
        try {
            return directory.contactByAddress(address).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean wasLearned(MailAddress address, ReversePath sender) {
        return sender.address().flatMap(s -> learned.flatMap(l -> l.find(s, address))).isPresent();
    }
}
