package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.AuditAccess;
import com.misdeliveryguard.core.audit.DirectoryMatch;
import com.misdeliveryguard.core.audit.HoldDecided;
import com.misdeliveryguard.core.audit.HoldExpired;
import com.misdeliveryguard.core.audit.MessageReceived;
import com.misdeliveryguard.core.audit.RecipientClass;
import com.misdeliveryguard.core.audit.VerdictGiven;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test events, built the way the later features will build them. */
final class Events {

    private Events() {
    }

    static ReversePath sender(String address) {
        return ReversePath.of(MailAddress.of(address));
    }

    static MessageReceived received(String queueId, String from, String... to) {
        Envelope envelope = new Envelope(sender(from), List.of(to).stream().map(MailAddress::of).toList(),
                Optional.of(from.substring(0, from.indexOf('@'))), "192.0.2.10", "client.example", true, false,
                Instant.parse("2025-04-01T00:00:00Z"));
        return new MessageReceived(queueId, envelope, 1234, "ab".repeat(32), false, Optional.empty());
    }

    /** A hold of {@code to} by {@code rule}; the recipient is a contact of {@code organization}/{@code department}. */
    static VerdictGiven held(String queueId, String from, String to, String rule, String organization,
            String department) {
        MailAddress rcpt = MailAddress.of(to);
        DirectoryMatch match = new DirectoryMatch(RecipientClass.KNOWN_ORGANIZATION, Optional.empty(),
                Optional.of(organization), Optional.of(department));
        Finding finding = new Finding(rule, Severity.HIGH, Optional.of(rcpt), "宛先を確認してください。",
                "Check the recipient.", Map.of("knownDomain", "aoba-shoji.co.jp"));
        return new VerdictGiven(queueId, sender(from), Action.HOLD,
                List.of(new VerdictGiven.Recipient(rcpt, "to", "田中 様", Optional.of(match))), List.of(finding),
                List.of());
    }

    static VerdictGiven delivered(String queueId, String from, String to) {
        return new VerdictGiven(queueId, sender(from), Action.DELIVER,
                List.of(new VerdictGiven.Recipient(MailAddress.of(to), "to", "", Optional.empty())), List.of(),
                List.of());
    }

    static HoldDecided confirmed(String queueId, String from, String to, long seconds, String department) {
        return HoldDecided.confirmed(queueId, sender(from), Actor.of(from, "192.0.2.10", "Mozilla/5.0"),
                Duration.ofSeconds(seconds), List.of(MailAddress.of(to)), Optional.of(department), seconds < 5);
    }

    static HoldDecided cancelled(String queueId, String from, String to, long seconds, String department) {
        return HoldDecided.cancelled(queueId, sender(from), Actor.of(from, "192.0.2.10", "Mozilla/5.0"),
                Duration.ofSeconds(seconds), List.of(MailAddress.of(to)), Optional.of(department), false);
    }

    static HoldExpired expired(String queueId, String from) {
        return new HoldExpired(queueId, sender(from), "discard", Duration.ofHours(72), Optional.of("営業部"));
    }

    static AuditAccess access(String who, int i) {
        return new AuditAccess(Actor.of(who, "127.0.0.1", "test"), "list", Map.of("page", String.valueOf(i)));
    }
}
