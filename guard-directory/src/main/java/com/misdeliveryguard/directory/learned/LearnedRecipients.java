package com.misdeliveryguard.directory.learned;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The learned-recipient list. Port: it belongs in {@code guard-core} next to
 * {@code ContactDirectory} and lives here until the core takes it over.
 *
 * <p>Thread-safe. Failures surface as {@link com.misdeliveryguard.directory.DirectoryUnavailableException};
 * a rule that cannot ask treats the recipient as not learned (fail closed).
 */
public interface LearnedRecipients {

    /** Remembers the recipient for the sender; learning it again refreshes the time and message id. */
    void learn(LearnedRecipient learned);

    /** What was learned for this sender and recipient, if anything. */
    Optional<LearnedRecipient> find(MailAddress sender, MailAddress recipient);

    /** Everything learned for the sender, newest first, at most {@code limit}. */
    List<LearnedRecipient> learnedBy(MailAddress sender, int limit);

    /** Forgets one learned recipient; true when there was one. */
    boolean forget(MailAddress sender, MailAddress recipient);
}
