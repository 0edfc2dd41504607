package com.misdeliveryguard.app.confirm.hold;

import java.util.Objects;
import java.util.Optional;

/**
 * Who took the last decision about a hold, from where, and how fast.
 *
 * @param by                the person the link was sent to (an address), or {@code guard} for expiry and delay
 * @param ip                client IP of the decision, empty for the guard
 * @param userAgent         the browser's {@code User-Agent}, cut to 300 characters
 * @param seconds           from the notification to the decision
 * @param possiblyAutomated decided so fast after the notification that a machine may have clicked
 */
public record Decided(String by, Optional<String> ip, Optional<String> userAgent, long seconds,
        boolean possiblyAutomated) {

    public Decided {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(ip, "ip");
        userAgent = userAgent.map(ua -> ua.length() > 300 ? ua.substring(0, 300) : ua);
    }

    /** A decision the guard took itself (expiry, end of a delay). */
    public static Decided byGuard(long seconds) {
        return new Decided("guard", Optional.empty(), Optional.empty(), seconds, false);
    }
}
