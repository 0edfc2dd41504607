package com.misdeliveryguard.core.directory;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Optional;

/**
 * The learned-recipient list (SPEC §4): once a sender confirms a held message, each confirmed
 * recipient that the directory does not know is remembered for that sender, so that later mail
 * from that sender to that address is not held for being unknown. Port, next to
 * {@link ContactDirectory}; {@code guard-directory} stores it in JDBC. Sender and recipient are
 * compared with the local part case-insensitive ({@link ContactAddresses#key}).
 *
 * <p>Thread-safe. Failures surface as {@link DirectoryUnavailableException}; a rule that cannot ask
 * treats the recipient as not learned (fail closed).
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
