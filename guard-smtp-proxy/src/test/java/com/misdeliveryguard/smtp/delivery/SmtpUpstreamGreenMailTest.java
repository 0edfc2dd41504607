package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static com.misdeliveryguard.smtp.delivery.TestMessages.message;
import static com.misdeliveryguard.smtp.delivery.TestMessages.sender;
import static com.misdeliveryguard.smtp.delivery.TestMessages.simpleMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SmtpUpstream} against GreenMail, a full SMTP server (plain, with AUTH). */
class SmtpUpstreamGreenMailTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("guard@example.com", "guard", "secret"));

    private SmtpUpstream upstream(UpstreamSettings.Builder builder) {
        return new SmtpUpstream(builder.timeouts(Duration.ofSeconds(5)).localHostName("guard.example.com").build());
    }

    private UpstreamSettings.Builder greenMail() {
        return UpstreamSettings.builder("127.0.0.1", GREEN_MAIL.getSmtp().getPort());
    }

    @Test
    void deliversToEveryEnvelopeRecipientIncludingOnesNoHeaderNames() throws Exception {
        OutboundMessage m = message(sender("alice@example.com"), addresses("bob@example.org", "bcc@example.net"),
                simpleMessage());

        DeliveryReport report = upstream(greenMail()).deliver(m);

        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
        assertThat(report.results()).extracting(RecipientResult::reply).allMatch(r -> r.startsWith("250"));
        // GreenMail files each delivery under the envelope recipient's user (its ForDomain lookup reads headers)
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(2);
        assertThat(GREEN_MAIL.findReceivedMessages(u -> u.getEmail().equals("bcc@example.net"), x -> true)).hasSize(1);
        MimeMessage received = GREEN_MAIL.findReceivedMessages(u -> u.getEmail().equals("bob@example.org"), x -> true)
                .findFirst().orElseThrow();
        assertThat(received.getSubject()).isEqualTo("quarterly estimate");
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("Bob <bob@example.org>");
        assertThat(received.getHeader("Received")).anyMatch(h -> h.replaceAll("\\s+", " ")
                .contains("by guard.example.com (Misdelivery Guard) with ESMTP id Q1"));
    }

    @Test
    void authenticatesWithTheConfiguredCredentials() {
        DeliveryReport report = upstream(greenMail().credentials("guard", "secret"))
                .deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage()));

        assertThat(report.results()).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
    }

    @Test
    void reportsAFailedAuthenticationAsTemporaryAndSendsNothing() {
        List<RecipientResult> results = upstream(greenMail().credentials("guard", "wrong"))
                .deliver(message(sender("alice@example.com"), addresses("bob@example.org"), simpleMessage())).results();

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.7.0 upstream 127.0.0.1:" + GREEN_MAIL.getSmtp().getPort()
                + " authentication failed");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }
}
