package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.List;

/**
 * {@code external-attachment}: an attachment goes to an external recipient (SPEC §5). Off by default;
 * companies that want every outgoing file confirmed (or delayed for "undo send") turn it on. One finding
 * per external recipient, naming the files.
 */
final class AttachmentGoesOutside implements Rule {

    @Override
    public String id() {
        return RuleIds.EXTERNAL_ATTACHMENT;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        List<String> names = message.facts().attachmentNames();
        if (names.isEmpty()) {
            return List.of();
        }
        String files = Findings.quote(String.join(", ", names));
        return message.external().stream().map((ResolvedRecipient recipient) -> Findings.about(recipient, id(),
                Severity.MEDIUM,
                "添付ファイル（" + files + "）が社外の宛先 " + recipient.address() + " に送られます。",
                "Attachments (" + files + ") go to the external recipient " + recipient.address() + ".",
                Findings.evidence("attachments", files))).toList();
    }
}
