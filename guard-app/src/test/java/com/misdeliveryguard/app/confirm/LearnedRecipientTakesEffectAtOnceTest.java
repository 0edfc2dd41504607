package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the relay, the check API and the confirmation share one cached learned-recipient list, so
 * a confirmation takes effect for the sender's very next message — no cached "unknown" holds it for
 * minutes. The first check of the pair puts "not learned" into the cache on purpose.
 */
class LearnedRecipientTakesEffectAtOnceTest extends RealRulesTestBase {

    private static final String NEW_PARTNER = "info@new-partner.co.jp";

    @Test
    void theSendersNextMessageToARecipientTheyJustConfirmedIsDeliveredWithoutWaiting() throws Exception {
        Submission first = message("はじめてのご連絡", "新規取引先 ご担当者様").to("ご担当者様", NEW_PARTNER);
        String held = submit(first);
        String link = local(awaitNotice("はじめてのご連絡").link().orElseThrow());
        assertThat(hold(held).findings()).extracting(f -> f.ruleId()).contains("unknown-recipient");

        ConfirmClient sender = client();
        HttpResponse<String> sent = sender.post(link, Map.of("_csrf", List.of(sender.csrf(link)), "action",
                List.of("send"), "pick:" + NEW_PARTNER, List.of("send")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(holds.find(held).orElseThrow().state()).isEqualTo(HoldState.RELEASED);

        Submission next = message("二通目のご連絡", "新規取引先 ご担当者様").to("ご担当者様", NEW_PARTNER);
        String nextId = submit(next);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(next).size() == 1);
        assertThat(deliveriesOf(next).get(0).recipients()).containsExactly("<" + NEW_PARTNER + ">");
        assertThat(holds.find(nextId)).as("not held: the confirmation counted at once").isEmpty();
    }
}
