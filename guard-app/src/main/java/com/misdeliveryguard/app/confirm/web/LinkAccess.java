package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.TokenGrant;
import java.time.Clock;
import java.util.Optional;

/**
 * Turns the token of a link into what it grants, or nothing: unknown, malformed, altered (its
 * binding to the message and the stored SHA-256 does not match) and expired tokens all give
 * nothing, and the page answers all of them with the same generic error. Reads only.
 */
final class LinkAccess {

    /** A valid, unexpired link: the grant, the hold, and the token as presented. */
    record Access(TokenGrant grant, HeldMessage hold, String token) {
    }

    private final ConfirmationTokens tokens;
    private final HoldQueries queries;
    private final Clock clock;

    LinkAccess(ConfirmationTokens tokens, HoldQueries queries, Clock clock) {
        this.tokens = tokens;
        this.queries = queries;
        this.clock = clock;
    }

    Optional<Access> resolve(String token) {
        return tokens.find(token)
                .filter(grant -> !grant.expired(clock.instant()))
                .flatMap(grant -> queries.find(grant.queueId())
                        .filter(hold -> tokens.boundTo(grant, token, hold))
                        .map(hold -> new Access(grant, hold, token)));
    }
}
