package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Optional;

/**
 * Port: what the directory knows about a recipient, for the verdict entry. Empty when the
 * directory is not wired in yet or the lookup failed (the entry then records no match); must not
 * throw and must be thread-safe.
 */
@FunctionalInterface
public interface RecipientDescriber {

    Optional<DirectoryMatch> describe(MailAddress recipient);

    /** Knows nothing: verdict entries carry no directory data. */
    RecipientDescriber NONE = recipient -> Optional.empty();
}
