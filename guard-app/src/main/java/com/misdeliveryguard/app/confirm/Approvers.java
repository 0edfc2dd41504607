package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;
import java.util.Map;

/**
 * The supervisors who approve holds, per rule ({@code guard.confirm.approvers.<rule-id>}), checked
 * once at start-up so that a typo fails the start with the key to fix.
 */
final class Approvers {

    private final ConfirmProperties properties;

    Approvers(ConfirmProperties properties) {
        this.properties = properties;
        for (Map.Entry<String, List<String>> e : properties.approvers().entrySet()) {
            for (String address : e.getValue()) {
                try {
                    MailAddress.parse(address.strip());
                } catch (InvalidAddressException ex) {
                    throw new IllegalArgumentException("guard.confirm.approvers." + e.getKey() + " holds '" + address
                            + "', which is not a mail address (" + ex.getMessage() + ")", ex);
                }
            }
        }
    }

    /** The approvers of a hold: those configured for any of its findings' rules. */
    List<MailAddress> of(HeldMessage hold) {
        return properties.approversFor(hold.ruleIds()).stream().map(a -> MailAddress.of(a.strip())).distinct().toList();
    }
}
