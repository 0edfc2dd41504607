package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A change the sender chose for one envelope recipient on the confirmation page (SPEC §3 step 6).
 *
 * @param kind    what was changed
 * @param instead for {@link Kind#SENT_INSTEAD}: the directory address the message went to instead
 */
public record RecipientChange(Kind kind, Optional<MailAddress> instead) {

    /** What was changed. */
    public enum Kind {
        /** The message went to the suggested directory address instead (envelope and To/Cc header). */
        SENT_INSTEAD,
        /** The address was taken out of To/Cc: the recipient got the message as Bcc. */
        SENT_AS_BCC
    }

    public RecipientChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instead, "instead");
        if (instead.isPresent() != (kind == Kind.SENT_INSTEAD)) {
            throw new IllegalArgumentException("an address goes with SENT_INSTEAD and only with it");
        }
    }

    public static RecipientChange sentInstead(MailAddress to) {
        return new RecipientChange(Kind.SENT_INSTEAD, Optional.of(to));
    }

    public static RecipientChange sentAsBcc() {
        return new RecipientChange(Kind.SENT_AS_BCC, Optional.empty());
    }
}
