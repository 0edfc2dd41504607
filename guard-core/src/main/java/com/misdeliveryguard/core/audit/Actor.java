package com.misdeliveryguard.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Who did something through the web or the API: the signed-in user (or the sender who followed a
 * confirmation link), the client IP and the user agent. Never a password or a token.
 *
 * @param name      user name or mail address; {@code anonymous} when nobody signed in
 * @param ip        client IP address as text
 * @param userAgent the {@code User-Agent} header, if sent (cut to 300 characters)
 */
public record Actor(String name, String ip, Optional<String> userAgent) {

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ip, "ip");
        userAgent = userAgent.map(ua -> ua.length() > 300 ? ua.substring(0, 300) : ua);
    }

    public static Actor of(String name, String ip, String userAgent) {
        return new Actor(name, ip, Optional.ofNullable(userAgent));
    }

    Details details() {
        return Details.create().put("name", name).put("ip", ip).put("userAgent", userAgent);
    }
}
