package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import java.util.Optional;

/**
 * {@code unknown-recipient}: the address is in no directory entry, no learned list, and its domain
 * belongs to no organization (SPEC §5). A learned recipient (SPEC §4) is not held for being unknown but
 * gets a {@link Severity#LOW} note, so that the log still shows it was not a directory contact.
 *
 * <p>Internal addresses are left alone: mail to an internal address that nobody has goes to the company's
 * own mail server, which refuses it, and nothing leaves the company.
 */
final class RecipientIsUnknown extends RecipientRule {

    @Override
    public String id() {
        return RuleIds.UNKNOWN_RECIPIENT;
    }

    @Override
    Optional<Finding> checkRecipient(ResolvedRecipient recipient, CheckedMessage message) {
        if (recipient.internal()) {
            return Optional.empty();
        }
        String address = recipient.address().toString();
        if (recipient.status() == DirectoryStatus.LEARNED) {
            return Optional.of(Findings.about(recipient, id(), Severity.LOW,
                    "宛先 " + address + " はアドレス帳にありませんが、以前に確認済みの宛先です。",
                    address + " is not in the address directory, but you confirmed it before.",
                    Findings.evidence("learned", "true")));
        }
        if (recipient.status() != DirectoryStatus.UNKNOWN) {
            return Optional.empty();
        }
        String domain = recipient.address().domain();
        return Optional.of(Findings.about(recipient, id(), Severity.HIGH,
                "宛先 " + address + " はアドレス帳に登録されておらず、ドメイン " + domain
                        + " もどの組織のものでもありません。宛先が正しいか確認してください。",
                address + " is not in the address directory, and its domain " + domain
                        + " belongs to no known organization. Check that the address is right.",
                Findings.evidence("domain", domain)));
    }
}
