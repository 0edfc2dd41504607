package com.misdeliveryguard.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tickets bind sender, recipient set, subject, findings, user and expiry; anything else is ignored. */
class ConfirmationTicketsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T00:00:00Z"));
    final ConfirmationTickets tickets = new ConfirmationTickets("0123456789abcdef0123", clock, Duration.ofMinutes(5),
            List.of("lookalike-domain"));
    final ReversePath sender = ReversePath.of(MailAddress.of("yamada.taro@example.co.jp"));
    final MailAddress a = MailAddress.of("new.person@aoba-shoji.co.jp");
    final MailAddress b = MailAddress.of("tanaka@aoba-shoji.co.jp");
    final Verdict held = new Verdict(Action.HOLD, List.of(finding("unknown-at-known-org", a)));

    static Finding finding(String rule, MailAddress recipient) {
        return new Finding(rule, Severity.MEDIUM, Optional.of(recipient), "ja", "en", Map.of());
    }

    String issue() {
        return tickets.offer("addin", sender, List.of(a, b), "お見積り  の件", held).ticket();
    }

    @Test
    void shouldHonourTheSameRecipientSetInAnyOrderAndCaseWithTheSubjectRefolded() {
        TicketCheck check = tickets.check(issue(), sender, List.of(MailAddress.of("Tanaka@AOBA-shoji.co.jp"), a),
                "お見積り\t の件", held);
        assertThat(check).isEqualTo(new TicketCheck.Honoured("addin", clock.instant().plus(Duration.ofMinutes(5))));
    }

    @Test
    void shouldIgnoreAnotherRecipientSetSenderOrSubject() {
        String ticket = issue();
        assertThat(tickets.check(ticket, sender, List.of(a), "お見積り の件", held))
                .isInstanceOf(TicketCheck.Ignored.class);
        assertThat(tickets.check(ticket, ReversePath.of(MailAddress.of("other@example.co.jp")), List.of(a, b),
                "お見積り の件", held)).isInstanceOf(TicketCheck.Ignored.class);
        assertThat(tickets.check(ticket, sender, List.of(a, b), "請求書", held)).isInstanceOf(TicketCheck.Ignored.class);
    }

    @Test
    void shouldIgnoreATicketAtItsExpiry() {
        String ticket = issue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(tickets.check(ticket, sender, List.of(a, b), "お見積り の件", held))
                .isInstanceOfSatisfying(TicketCheck.Ignored.class, i -> assertThat(i.reasonEn()).contains("expired"));
    }

    @Test
    void shouldIgnoreATicketWhenTheRelayFindsWhatTheDialogDidNotShow() {
        Verdict more = new Verdict(Action.HOLD, List.of(finding("unknown-at-known-org", a),
                finding("salutation-mismatch", b)));
        assertThat(tickets.check(issue(), sender, List.of(a, b), "お見積り の件", more))
                .isInstanceOfSatisfying(TicketCheck.Ignored.class,
                        i -> assertThat(i.reasonEn()).contains("findings differ"));
    }

    @Test
    void shouldNeverOfferATicketForAnUncoveredRuleOrAnotherKeysTicket() {
        Verdict lookalike = new Verdict(Action.HOLD, List.of(finding("lookalike-domain", a)));
        assertThat(tickets.offer("addin", sender, List.of(a), "x", lookalike))
                .satisfies(o -> assertThat(o.ticket()).isNull())
                .satisfies(o -> assertThat(o.uncoverable()).containsExactly("lookalike-domain"));
        ConfirmationTickets otherKey = new ConfirmationTickets("another key of 16+ chars", clock,
                Duration.ofMinutes(5), List.of());
        assertThat(otherKey.check(issue(), sender, List.of(a, b), "お見積り の件", held))
                .isInstanceOf(TicketCheck.Ignored.class);
        assertThat(tickets.check("v1.garbage", sender, List.of(a, b), "お見積り の件", held))
                .isInstanceOf(TicketCheck.Ignored.class);
    }

    @Test
    void shouldReadTheHeaderUnfoldedAndOnlyFromTheHeaderSection() throws Exception {
        String message = "Subject: x\r\nX-Guard-Confirmation: v1.abc\r\n .def\r\nTo: a@b.example\r\n\r\n"
                + "X-Guard-Confirmation: in-the-body\r\n";
        assertThat(ClientConfirmationReview.headerValues(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), "x-guard-confirmation"))
                .containsExactly("v1.abc .def");
    }
}
