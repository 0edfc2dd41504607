package com.misdeliveryguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

    private static final MailAddress TO = MailAddress.of("sato@aoba-shoji.co.jp");
    private static final MailAddress CC = MailAddress.of("kato@example.com");
    private static final MailAddress BCC = MailAddress.of("boss@example.co.jp");
    private static final Envelope ENVELOPE = new Envelope(ReversePath.of(MailAddress.of("tanaka@example.co.jp")),
            List.of(TO, CC, BCC), Optional.of("tanaka"), "192.0.2.1", "pc", true, false, Instant.EPOCH);
    private static final MessageFacts FACTS = new MessageFacts(Optional.empty(),
            List.of(new HeaderAddress("佐藤 様", "Sato@aoba-shoji.co.jp", Optional.of(MailAddress.of("Sato@aoba-shoji.co.jp")))),
            List.of(new HeaderAddress("", "kato@example.com", Optional.of(CC))), List.of(BCC), "見積", List.of("a.pdf"),
            Optional.of("id@x"), List.of(), List.of(), "本文の冒頭", List.of());

    @Test
    void shouldRecordEachRecipientWithItsHeaderFieldDisplayNameAndDirectoryMatch() {
        DirectoryMatch aoba = new DirectoryMatch(RecipientClass.KNOWN_CONTACT, Optional.of("佐藤"),
                Optional.of("青葉商事"), Optional.of("営業部"));
        Finding finding = new Finding("lookalike-domain", Severity.CRITICAL, Optional.of(TO), "ja", "en",
                Map.of("knownDomain", "aoba-shouji.co.jp"));
        VerdictGiven v = VerdictGiven.of("Q1", ENVELOPE, Optional.of(FACTS), new Verdict(Action.HOLD, List.of(finding)),
                r -> r.equals(TO) ? Optional.of(aoba) : Optional.empty());
        assertThat(v.recipients()).extracting(VerdictGiven.Recipient::field).containsExactly("to", "cc", "bcc");
        assertThat(v.recipients().get(0).displayName()).isEqualTo("佐藤 様");
        String details = CanonicalJson.write(v.details());
        assertThat(details).contains("\"organization\":\"青葉商事\"").contains("\"knownDomain\":\"aoba-shouji.co.jp\"")
                .contains("\"severity\":\"CRITICAL\"").doesNotContain("本文の冒頭");
        IndexTerms terms = v.terms();
        assertThat(terms.outcome()).isEqualTo("hold");
        assertThat(terms.rules()).containsExactly("lookalike-domain");
        assertThat(terms.organizations()).containsExactly("青葉商事");
        assertThat(terms.recipients()).contains("sato@aoba-shoji.co.jp", "@aoba-shoji.co.jp", "@example.com");
        assertThat(terms.senders()).containsExactlyInAnyOrder("tanaka@example.co.jp", "@example.co.jp");
    }

    @Test
    void shouldRecordHeaderFactsButNeverTheBody() {
        String details = CanonicalJson.write(new MessageReceived("Q1", ENVELOPE, 10, "ab".repeat(32), false,
                Optional.of(FACTS)).details());
        assertThat(details).contains("\"messageId\":\"id@x\"").contains("\"subject\":\"見積\"")
                .contains("\"attachmentNames\":[\"a.pdf\"]").contains("\"authenticatedUser\":\"tanaka\"")
                .doesNotContain("本文");
    }

    @Test
    void shouldTellConfirmedPartiallyConfirmedAndCancelledApart() {
        Actor who = Actor.of("tanaka@example.co.jp", "192.0.2.1", "Mozilla/5.0");
        ReversePath sender = ENVELOPE.sender();
        assertThat(HoldDecided.confirmed("Q", sender, who, Duration.ofSeconds(3), List.of(TO), Optional.empty(), true)
                .type()).isEqualTo(EventType.CONFIRMED);
        HoldDecided partial = HoldDecided.partiallyConfirmed("Q", sender, who, Duration.ofSeconds(40), List.of(TO),
                List.of(CC), Optional.of("営業部"), false);
        assertThat(partial.type()).isEqualTo(EventType.PARTIALLY_CONFIRMED);
        assertThat(CanonicalJson.write(partial.details())).contains("\"dropped\":[\"kato@example.com\"]")
                .contains("\"secondsToDecide\":40").contains("\"userAgent\":\"Mozilla/5.0\"");
        assertThat(HoldDecided.cancelled("Q", sender, who, Duration.ZERO, List.of(TO), Optional.empty(), false).type())
                .isEqualTo(EventType.CANCELLED);
        assertThatThrownBy(() -> new HoldDecided(EventType.DELIVERED, "Q", sender, who, Duration.ZERO, List.of(),
                List.of(), Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
