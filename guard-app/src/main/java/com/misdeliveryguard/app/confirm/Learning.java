package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learned recipients (SPEC §4): after a release, each confirmed recipient that is not a contact of
 * the directory is remembered for the envelope sender, so the next mail from that sender to that
 * address is not held for being unknown. Off with {@code guard.confirm.learn-recipients=false};
 * nothing is learned for the null sender. Failures are logged: learning is a convenience, the
 * release already happened.
 */
final class Learning {

    private static final Logger log = LoggerFactory.getLogger(Learning.class);
    private final Optional<LearnedRecipients> store;
    private final boolean enabled;

    Learning(Optional<LearnedRecipients> store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    void confirmed(HeldMessage hold, List<MailAddress> released, Instant at) {
        if (!enabled || store.isEmpty() || hold.sender().isNull()) {
            return;
        }
        MailAddress sender = hold.sender().address().orElseThrow();
        for (MailAddress recipient : released) {
            try {
                if (!isContact(hold, recipient)) {
                    store.get().learn(new LearnedRecipient(sender, recipient, at,
                            hold.messageId().filter(id -> id.length() <= 998)));
                }
            } catch (RuntimeException e) {
                log.warn("Cannot remember {} as a confirmed recipient of {}: {}", recipient, sender, e.toString());
            }
        }
    }

    /** As the verdict resolved it: a contact of the directory needs no learning. */
    private static boolean isContact(HeldMessage hold, MailAddress recipient) {
        return hold.recipients().stream().filter(r -> r.inEnvelope() && r.mailAddress().orElseThrow().equals(recipient))
                .anyMatch(r -> r.who().contact());
    }
}
