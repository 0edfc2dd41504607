package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.MailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox as written in a header: the decoded display name and the address text. The address is
 * parsed with the same strict parser as the envelope; {@link #address()} is empty when it did not
 * pass (the raw text stays available for display).
 *
 * @param displayName decoded display name, empty string when there is none
 * @param rawAddress  the addr-spec as written (after decoding), for display only
 * @param address     the strictly parsed address, if valid
 */
public record HeaderAddress(String displayName, String rawAddress, Optional<MailAddress> address) {

    public HeaderAddress {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(rawAddress, "rawAddress");
        Objects.requireNonNull(address, "address");
    }
}
