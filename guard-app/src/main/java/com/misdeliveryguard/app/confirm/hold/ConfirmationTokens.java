package com.misdeliveryguard.app.confirm.hold;

import com.misdeliveryguard.core.mail.MailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issues and checks confirmation links (RELIABILITY promise 9).
 *
 * <ul>
 *   <li>a token is 256 bits from {@link SecureRandom}; the database keeps only {@code SHA-256(token)}
 *       (to find the row) and {@code SHA-256(token ‖ queue id ‖ message SHA-256)} (the binding);</li>
 *   <li>{@link #boundTo} recomputes the binding from the presented token and the held message and
 *       compares it in constant time, so a token works only for the message, and the bytes, it was
 *       issued for;</li>
 *   <li>it expires with the hold and is used once ({@link #use}, a conditional UPDATE inside the
 *       decision's transaction);</li>
 *   <li>tokens never appear in logs: {@link ConfirmationToken#toString()} hides them.</li>
 * </ul>
 */
public final class ConfirmationTokens {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConfirmationTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new link to the hold for {@code addressee}, valid until the hold expires. */
    public ConfirmationToken issue(HeldMessage hold, Audience audience, MailAddress addressee) {
        byte[] bytes = new byte[ConfirmationToken.BYTES];
        random.nextBytes(bytes);
        ConfirmationToken token = new ConfirmationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        Instant now = clock.instant();
        jdbc.update("INSERT INTO confirm_token (lookup, binding, queue_id, audience, addressee, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", lookup(token.value()),
                binding(token.value(), hold.queueId(), hold.messageSha256()), hold.queueId(), audience.name(),
                addressee.toString(), Sql.time(now), Sql.time(hold.times().expiresAt()));
        return token;
    }

    /** The grant of a presented token; empty for anything that is not a token we issued. */
    public Optional<TokenGrant> find(String presented) {
        if (!ConfirmationToken.wellFormed(presented)) {
            return Optional.empty();
        }
        List<TokenGrant> rows = jdbc.query("SELECT * FROM confirm_token WHERE lookup = ?", (rs, n) -> new TokenGrant(
                rs.getString("lookup"), rs.getString("binding"), rs.getString("queue_id"),
                Audience.valueOf(rs.getString("audience")), MailAddress.of(rs.getString("addressee")),
                Sql.instant(rs, "expires_at"), Sql.optionalInstant(rs, "used_at")), lookup(presented));
        return rows.stream().findFirst();
    }

    /** True when the presented token was issued for this message and these stored bytes (constant time). */
    public boolean boundTo(TokenGrant grant, String presented, HeldMessage hold) {
        byte[] expected = grant.binding().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = binding(presented, hold.queueId(), hold.messageSha256()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) && grant.queueId().equals(hold.queueId());
    }

    /** Marks the token used; false when it was used before (by a concurrent request too). */
    public boolean use(TokenGrant grant, Instant at) {
        return jdbc.update("UPDATE confirm_token SET used_at = ? WHERE lookup = ? AND used_at IS NULL", Sql.time(at),
                grant.lookup()) == 1;
    }

    static String lookup(String token) {
        return sha256("guard-confirm-lookup\0" + token);
    }

    static String binding(String token, String queueId, String messageSha256) {
        return sha256("guard-confirm-binding\0" + token + "\0" + queueId + "\0" + messageSha256);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
