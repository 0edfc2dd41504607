package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The plain HTTP path without a browser: a held message, its notification, the page, and a Send
 * that delivers exactly the submitted bytes (after the one trace header) to every confirmed
 * envelope recipient; the confirmed recipient the directory did not know is learned for the sender.
 */
class SendAfterConfirmationTest extends ConfirmTestBase {

    @Autowired
    LearnedRecipients learned;

    @Test
    void confirmedMessageGoesOutByteIdenticalToEveryRecipient() throws Exception {
        Submission m = message("お見積りの件 (http)").to("佐藤 一郎", LOOKALIKE).cc("鈴木 花子", PARTNER).bcc(COLLEAGUE);
        String id = submit(m, false);
        Mailbox.Notice notice = awaitNotice(SENDER, "お見積りの件 (http)");
        assertThat(hold(id).state()).isEqualTo(HoldState.HELD);
        assertThat(inHoldQueue(id)).isTrue();
        assertThat(notice.link()).isPresent();
        assertThat(notice.text()).contains("もしかして aoba-shoji.co.jp ですか？").contains("Did you mean aoba-shoji.co.jp?")
                .contains("鈴木 花子").contains("みどり銀行 / 法人営業部").contains("加藤 次郎");
        assertThat(deliveriesOf(m)).isEmpty();

        ConfirmClient browser = client();
        String url = local(notice.link().get());
        HttpResponse<String> page = browser.get(url);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"confirm-form\"").contains("佐藤 一郎").contains("aoba-shoji.co.jp");
        String csrf = browser.csrf(url);
        HttpResponse<String> sent = browser.post(url, Map.of("_csrf", List.of(csrf), "action", List.of("send"),
                "confirm", List.of(LOOKALIKE, PARTNER, COLLEAGUE)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        SmtpSink.Transaction delivered = deliveriesOf(m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + LOOKALIKE + ">", "<" + PARTNER + ">",
                "<" + COLLEAGUE + ">");
        assertThat(afterTraceHeader(delivered.data())).isEqualTo(m.bytes());
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(browser.get(url).body()).contains("id=\"outcome\"");
        assertThat(logOf(id)).contains("received", "verdict", "notified", "confirmed");

        MailAddress sender = MailAddress.of(SENDER);
        assertThat(learned.find(sender, MailAddress.of(LOOKALIKE))).as("unknown and confirmed: learned").isPresent();
        assertThat(learned.find(sender, MailAddress.of(PARTNER))).as("a contact of the directory").isEmpty();
    }

    /** The bytes after the first header field (the guard's trace header, possibly folded). */
    static byte[] afterTraceHeader(byte[] relayed) {
        String text = new String(relayed, StandardCharsets.ISO_8859_1);
        int end = 0;
        do {
            end = text.indexOf("\r\n", end) + 2;
        } while (text.charAt(end) == ' ' || text.charAt(end) == '\t');
        return Arrays.copyOfRange(relayed, end, relayed.length);
    }
}
