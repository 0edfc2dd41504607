package com.misdeliveryguard.app.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code guard.attachments.links.signed}: {@code hold} holds signed mail with attachments, {@code deliver} passes it. */
class SignedMailIsHeldWhenConfiguredTest {

    private static final MailAddress PARTNER = MailAddress.of("suzuki@midori-bank.co.jp");
    private final Guard deliver = (envelope, facts) -> Verdict.deliver();

    private static MessageFacts signed() throws Exception {
        byte[] message = ("From: tanaka@example.co.jp\r\nTo: suzuki@midori-bank.co.jp\r\nSubject: contract\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; "
                + "boundary=s\r\n\r\n--s\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n"
                + "Content-Type: text/plain\r\n\r\nhi\r\n--m\r\nContent-Type: application/pdf; name=contract.pdf\r\n\r\n"
                + "x\r\n--m--\r\n--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n\r\nsig\r\n--s--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new MessageFactsParser(MessageFactsParser.Limits.defaults()).parse(new ByteArrayInputStream(message),
                List.of(PARTNER));
    }

    private static Envelope envelope() {
        return new Envelope(ReversePath.of(MailAddress.of("tanaka@example.co.jp")), List.of(PARTNER), Optional.empty(),
                "127.0.0.1", "client.test", false, false, Instant.now());
    }

    private static LinksProperties links(boolean enabled, String signed) {
        return new LinksProperties(enabled, null, null, null, null, signed, null, null, null);
    }

    @Test
    void theParserNamesTheSignedType() throws Exception {
        assertThat(signed().signedAs()).contains("multipart/signed");
        assertThat(signed().attachmentNames()).contains("contract.pdf");
    }

    @Test
    void holdHoldsASignedMessageWithAttachmentsWhenLinksApply() throws Exception {
        Verdict verdict = new SignedMailGuard(deliver, links(true, "hold")).check(envelope(), signed());
        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("signed-not-linked");
    }

    @Test
    void deliverAndLinksOffLeaveTheVerdictAlone() throws Exception {
        assertThat(new SignedMailGuard(deliver, links(true, "deliver")).check(envelope(), signed()).action())
                .isEqualTo(Action.DELIVER);
        assertThat(new SignedMailGuard(deliver, links(false, "hold")).check(envelope(), signed()).action())
                .isEqualTo(Action.DELIVER);
    }
}
