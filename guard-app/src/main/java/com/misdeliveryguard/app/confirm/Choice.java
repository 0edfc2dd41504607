package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a person chose on the confirmation page.
 *
 * @param send      true for Send, false for Cancel
 * @param confirmed the recipients ticked
 * @param excluded  flagged recipients explicitly left out ("do not send to this one")
 * @param actor     who chose (the link's addressee), from which IP, with which user agent
 * @param instead   confirmed recipients to send to the suggested directory address instead (recipient → suggestion)
 * @param asBcc     send the external recipients as Bcc (their addresses leave To/Cc)
 */
public record Choice(boolean send, Set<MailAddress> confirmed, Set<MailAddress> excluded, Actor actor,
        Map<MailAddress, MailAddress> instead, boolean asBcc) {

    public Choice {
        confirmed = Set.copyOf(confirmed);
        excluded = Set.copyOf(excluded);
        Objects.requireNonNull(actor, "actor");
        instead = Map.copyOf(instead);
    }

    /** A choice that sends the message as it was received (or cancels it). */
    public Choice(boolean send, Set<MailAddress> confirmed, Set<MailAddress> excluded, Actor actor) {
        this(send, confirmed, excluded, actor, Map.of(), false);
    }

    /** True when the sender chose to change the message before it goes out. */
    public boolean corrects() {
        return !instead.isEmpty() || asBcc;
    }
}
