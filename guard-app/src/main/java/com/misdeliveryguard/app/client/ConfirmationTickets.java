package com.misdeliveryguard.app.client;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues confirmation tickets on a check and judges them on the relay. Thread-safe.
 *
 * <p>A ticket is issued for every check with a sender, unless the verdict has an actionable finding of an
 * {@linkplain ClientProperties#uncoveredRules() uncovered rule} (look-alike domains, namesakes) or is a
 * reject: such mail goes through the relay's own hold.
 */
public final class ConfirmationTickets {

    /** The header the add-in adds to the message. */
    public static final String HEADER = "X-Guard-Confirmation";
    private final byte[] key;
    private final Clock clock;
    private final Duration ttl;
    private final Set<String> uncoveredRules;

    ConfirmationTickets(String key, Clock clock, Duration ttl, Collection<String> uncoveredRules) {
        if (key.length() < 16) {
            throw new IllegalArgumentException("guard.client.ticket-key is too short: use at least 16 characters, "
                    + "e.g. the output of 'openssl rand -hex 32'");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.ttl = ttl;
        this.uncoveredRules = Set.copyOf(uncoveredRules);
    }

    /**
     * What the check API tells the add-in about confirming in the client.
     *
     * @param header      the header to add ({@value #HEADER})
     * @param ticket      its value; {@code null} when no ticket covers this verdict
     * @param expiresAt   when the ticket stops being honoured; {@code null} without ticket
     * @param uncoverable rules of the verdict that no ticket covers (the relay will hold the message)
     */
    public record Offer(String header, String ticket, Instant expiresAt, List<String> uncoverable) {
    }

    /** A ticket for what the user is about to confirm, or the reasons there is none. */
    public Offer offer(String user, ReversePath sender, Collection<MailAddress> recipients, String subject,
            Verdict verdict) {
        List<String> uncoverable = uncoverable(verdict);
        if (!uncoverable.isEmpty() || verdict.policyAction() == Action.REJECT || sender.isNull()) {
            return new Offer(HEADER, null, null, uncoverable);
        }
        BoundMessage bound = BoundMessage.of(sender, recipients, subject, verdict.findings());
        Instant expires = clock.instant().plus(ttl);
        String digest = bound.findingsDigest();
        String mac = mac(bound.signedText(user, expires.getEpochSecond(), digest));
        return new Offer(HEADER, new ConfirmationTicket(user, expires, digest, mac).text(), expires, List.of());
    }

    /** Whether the ticket in {@code text} covers this submitted message and the relay's verdict on it. */
    TicketCheck check(String text, ReversePath sender, Collection<MailAddress> recipients, String subject,
            Verdict verdict) {
        var parsed = ConfirmationTicket.parse(text);
        if (parsed.isEmpty()) {
            return new TicketCheck.Ignored("?", "the ticket is malformed", "確認チケットの形式が不正です");
        }
        ConfirmationTicket ticket = parsed.get();
        BoundMessage bound = BoundMessage.of(sender, recipients, subject, verdict.findings());
        String expected = mac(bound.signedText(ticket.user(), ticket.expiresAt().getEpochSecond(),
                ticket.findingsDigest()));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                ticket.mac().getBytes(StandardCharsets.US_ASCII))) {
            return new TicketCheck.Ignored(ticket.user(), "the sender, recipients or subject differ from those "
                    + "confirmed in the client (or the ticket is forged)",
                    "差出人・宛先・件名がクライアントで確認されたものと異なります（または偽造されたチケットです）");
        }
        if (!clock.instant().isBefore(ticket.expiresAt())) {
            return new TicketCheck.Ignored(ticket.user(), "the ticket expired at " + ticket.expiresAt(),
                    "確認チケットの有効期限（" + ticket.expiresAt() + "）が切れています");
        }
        if (!bound.findingsDigest().equals(ticket.findingsDigest())) {
            return new TicketCheck.Ignored(ticket.user(), "the guard's findings differ from those shown in the client",
                    "ガードの検査結果がクライアントで表示されたものと異なります");
        }
        List<String> uncoverable = uncoverable(verdict);
        if (!uncoverable.isEmpty() || verdict.action() == Action.REJECT) {
            return new TicketCheck.Ignored(ticket.user(), "findings of " + uncoverable + " are never confirmed in the "
                    + "client", uncoverable + " の検出はクライアントでの確認の対象外です");
        }
        return new TicketCheck.Honoured(ticket.user(), ticket.expiresAt());
    }

    private List<String> uncoverable(Verdict verdict) {
        return verdict.findings().stream().filter(Finding::actionable).map(Finding::ruleId)
                .filter(uncoveredRules::contains).distinct().toList();
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
