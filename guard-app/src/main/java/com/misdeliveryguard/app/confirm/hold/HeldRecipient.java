package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One address of a held message: an envelope recipient (delivered to when confirmed), or a To/Cc
 * address of the header that is no envelope recipient (shown, never delivered to).
 *
 * @param address     the address as text (header-only addresses may not be valid mailboxes)
 * @param mailAddress the parsed address; always present for envelope recipients
 * @param role        To, Cc, or Bcc (envelope only)
 * @param displayName the decoded display name from the header, empty when none
 * @param inEnvelope  true for envelope recipients
 * @param flagged     true when a finding concerns this recipient: it needs its own tick
 * @param decision    what was decided for it, once somebody decided
 * @param identity    who the check resolved it to (envelope recipients); empty for header-only addresses
 * @param change      what the sender changed for it on the confirmation page, if anything
 */
public record HeldRecipient(String address, Optional<MailAddress> mailAddress, HeaderRole role, String displayName,
        boolean inEnvelope, boolean flagged, Optional<RecipientDecision> decision,
        Optional<RecipientIdentity> identity, Optional<RecipientChange> change) {

    /** What was decided for one envelope recipient. */
    public enum RecipientDecision { CONFIRMED, DROPPED }

    public HeldRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mailAddress, "mailAddress");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(change, "change");
        if (inEnvelope && mailAddress.isEmpty()) {
            throw new IllegalArgumentException("an envelope recipient needs a valid address");
        }
    }

    /** A recipient of a new hold: nothing decided or changed yet. */
    public HeldRecipient(String address, Optional<MailAddress> mailAddress, HeaderRole role, String displayName,
            boolean inEnvelope, boolean flagged, Optional<RecipientIdentity> identity) {
        this(address, mailAddress, role, displayName, inEnvelope, flagged, Optional.empty(), identity,
                Optional.empty());
    }

    /** Who the check resolved the recipient to; {@link RecipientIdentity#UNRESOLVED} when it did not. */
    public RecipientIdentity who() {
        return identity.orElse(RecipientIdentity.UNRESOLVED);
    }
}
