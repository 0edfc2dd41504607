package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Set;

/**
 * What a person chose on the confirmation page.
 *
 * @param send      true for Send, false for Cancel
 * @param confirmed the recipients ticked
 * @param excluded  flagged recipients explicitly left out ("do not send to this one")
 * @param actor     who chose (the link's addressee), from which IP, with which user agent
 */
public record Choice(boolean send, Set<MailAddress> confirmed, Set<MailAddress> excluded, Actor actor) {

    public Choice {
        confirmed = Set.copyOf(confirmed);
        excluded = Set.copyOf(excluded);
        Objects.requireNonNull(actor, "actor");
    }
}
