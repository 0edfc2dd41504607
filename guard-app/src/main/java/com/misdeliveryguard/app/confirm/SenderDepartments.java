package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Optional;

/**
 * The directory department of a hold's sender, for the decision log's statistics (time to confirm
 * per department). Not a recipient lookup: recipients are shown as the verdict resolved them.
 */
final class SenderDepartments {

    private final ContactDirectory directory;

    SenderDepartments(ContactDirectory directory) {
        this.directory = directory;
    }

    /** The sender's department; empty when unknown or when the directory cannot answer. */
    Optional<String> of(ReversePath sender) {
        try {
            return sender.address().flatMap(directory::contactByAddress).flatMap(Contact::department);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
