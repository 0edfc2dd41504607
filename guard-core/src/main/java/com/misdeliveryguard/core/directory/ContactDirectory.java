package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the rules ask the directory (SPEC §4). Port: the core defines it with the value types it
 * returns; {@code guard-directory} implements it over JDBC with a Caffeine cache in front, and tests
 * use an in-memory implementation.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Absence is {@link Optional#empty()} or an empty list, never {@code null}.</li>
 *   <li>Addresses are compared with the local part case-insensitive and the domain in its ASCII
 *       form, so {@code Tanaka@AOBA.co.jp} finds {@code tanaka@aoba.co.jp}.</li>
 *   <li>Names are compared after Unicode NFKC, without spaces and with katakana folded to
 *       hiragana; organization names also without company-form words ({@code 株式会社}, {@code ㈱},
 *       {@code Inc.}, …).</li>
 *   <li>Lists are bounded by the {@code limit} the caller gives; the order is stable but
 *       otherwise unspecified unless the method says so.</li>
 *   <li>Methods are thread-safe. When the store cannot answer they throw
 *       {@link DirectoryUnavailableException}; callers fail closed.</li>
 * </ul>
 */
public interface ContactDirectory {

    /** The contact whose primary address or alias this is. */
    Optional<Contact> contactByAddress(MailAddress address);

    /**
     * The organization that owns the domain, or the nearest parent domain it owns
     * ({@code mail.aoba.co.jp} belongs to the owner of {@code aoba.co.jp}).
     */
    Optional<Organization> organizationOwning(DomainName domain);

    /** The organization with this name, compared as the class comment says. */
    Optional<Organization> organizationNamed(String name);

    /** The organization with this id. */
    Optional<Organization> organization(OrganizationId id);

    /** Contacts of the organization, at most {@code limit}. */
    List<Contact> contactsOf(OrganizationId organization, int limit);

    /** Contacts whose primary address is at exactly this domain, at most {@code limit}. */
    List<Contact> contactsAtDomain(DomainName domain, int limit);

    /**
     * Contacts whose full name, family name, given name, reading or family-name reading is the
     * given text (normalized as the class comment says), at most {@code limit}. A common surname
     * matches more people than any limit; which of them come back is then unspecified.
     */
    List<Contact> contactsNamed(String name, int limit);

    /** The domain if the directory knows it (a contact is there, or an organization owns it). */
    Optional<KnownDomain> knownDomain(DomainName domain);

    /**
     * Known domains that the given one could be mistaken for: the same registrable label under
     * another public suffix, a confusable spelling (TR39 skeleton), or one edit away. Candidates
     * only — the lookalike rule decides; the domain itself is not among them. Answered from an
     * index, never by scanning every known domain.
     */
    List<KnownDomain> knownDomainsNear(DomainName domain, int limit);

    /** True when the domain is one of the configured internal domains or below one. */
    boolean isInternal(DomainName domain);

    /**
     * Whether mail to this address stays inside the company: its domain is internal, or a contact marked internal
     * owns it. The one classification of an address as internal: the rules' recipients, the addresses a
     * conversion to Bcc takes out of To/Cc and the sender's corrections all use it.
     */
    default boolean isInternal(MailAddress address) {
        return isInternal(address, contactByAddress(address));
    }

    /** {@link #isInternal(MailAddress)} for a caller that has looked up the address's contact already. */
    default boolean isInternal(MailAddress address, Optional<Contact> owner) {
        return isInternal(DomainName.of(address)) || owner.map(Contact::internal).orElse(false);
    }
}
