package com.misdeliveryguard.app.confirm.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.app.confirm.hold.HeaderRole;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.HoldTimes;
import com.misdeliveryguard.app.confirm.hold.RecipientIdentity;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * SmtpHeaderInjection for our own notices: the subject and names of a held message are the
 * sender's text, and a CR/LF in them must not become a header of the notification. The notice is
 * well-formed MIME with CRLF line ends, Japanese first (configured) and English below.
 */
class NotificationHeaderInjectionTest {

    static final Instant NOW = Instant.parse("2025-10-06T01:00:00Z");
    static final MailAddress TO = MailAddress.of("tanaka@example.co.jp");

    static HeldMessage hold(String subject, String displayName) {
        MailAddress rcpt = MailAddress.of("sato@aoba-shoj1.co.jp");
        return new HeldMessage("20251006T010000000-0123456789ab", "0".repeat(64), ReversePath.of(TO), Optional.empty(),
                Optional.of(TO), subject, Optional.empty(), "", Action.HOLD, Approval.NONE, HoldState.HELD,
                Optional.empty(), HoldTimes.created(NOW, NOW.plus(Duration.ofHours(72)), Optional.empty()),
                Optional.empty(), List.of(new HeldRecipient(rcpt.toString(), Optional.of(rcpt), HeaderRole.TO,
                        displayName, true, true,  Optional.of(new RecipientIdentity(DirectoryStatus.UNKNOWN,
                        Optional.empty(), Optional.empty(), Optional.empty(), false)))),
                List.of(new Finding("lookalike-domain", Severity.CRITICAL, Optional.of(rcpt), "似ています。\r\nBcc: x@evil.example",
                        "Looks alike.", Map.of("knownDomain", "aoba-shoji.co.jp"))),
                List.of("a\r\nb.pdf"));
    }

    private static byte[] compose(HeldMessage hold) {
        NotificationComposer composer = new NotificationComposer(
                Texts.of(Locale.JAPANESE, ZoneId.of("Asia/Tokyo")), "postmaster@guard.example.co.jp", "guard.example.co.jp",
                Clock.fixed(NOW, ZoneOffset.UTC));
        return composer.compose(NotificationKind.HELD, hold, TO, Optional.of("https://guard.example.co.jp/confirm/x"),
                List.of());
    }

    @Test
    void crLfInSubjectAndNamesCannotAddHeaders() throws Exception {
        byte[] raw = compose(hold("Quote\r\nBcc: victim@evil.example\r\nX-Injected: yes", "Sato\r\nCc: cc@evil.example"));
        String text = new String(raw, StandardCharsets.US_ASCII);
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        String headers = text.substring(0, text.indexOf("\r\n\r\n") + 2);
        assertThat(headers).doesNotContainPattern("(?im)^(Bcc|Cc|X-Injected):");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(parsed.getHeader("Bcc")).isNull();
        assertThat(parsed.getHeader("Cc")).isNull();
        assertThat(parsed.getHeader("X-Injected")).isNull();
        assertThat(parsed.getSubject()).isEqualTo("【送信保留】Quote Bcc: victim@evil.example X-Injected: yes");
        assertThat(parsed.getAllRecipients()).extracting(Object::toString).containsExactly("tanaka@example.co.jp");
        assertThat(parsed.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(parsed.getHeader("Reply-To")).isNull();
        String body = (String) ((MimeMultipart) parsed.getContent()).getBodyPart(0).getContent();
        assertThat(body).contains("Sato Cc: cc@evil.example <sato@aoba-shoj1.co.jp>").contains("似ています。 Bcc: x@evil.example")
                .contains("a b.pdf").doesNotContain("\nBcc:");
    }

    @Test
    void japaneseFirstThenEnglishWithTheDidYouMeanAndTheLink() throws Exception {
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(compose(hold("お見積り", "佐藤 一郎"))));
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        String body = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(body.indexOf("もしかして aoba-shoji.co.jp ですか？")).isPositive()
                .isLessThan(body.indexOf("Did you mean aoba-shoji.co.jp?"));
        assertThat(body).contains("https://guard.example.co.jp/confirm/x").contains("2025年10月9日 10:00 (JST)")
                .contains("アドレス帳に未登録").contains("Not in the directory");
        assertThat(parsed.getContentType()).contains("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).contains("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(alternative.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("base64");
        assertThat(alternative.getBodyPart(1).getContentType()).contains("text/html");
        assertThat(html).contains("href=\"https://guard.example.co.jp/confirm/x\"").contains("確認ページを開く")
                .contains("よく似た別のドメイン").contains("佐藤 一郎").contains("sato@aoba-shoj1.co.jp")
                .doesNotContain("lookalike-domain").doesNotContain("<script");
        assertThat(html.split("href=", -1)).as("one button per language").hasSize(3);
        assertThat(parsed.getMessageID()).endsWith(".confirm@guard.example.co.jp>");
    }
}
