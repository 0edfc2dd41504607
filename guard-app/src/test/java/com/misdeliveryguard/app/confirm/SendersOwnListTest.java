package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sender's own list for when the notification is lost: signed in with the SMTP user name and
 * password, the sender sees their held messages and opens one (a fresh link); nobody else's.
 * Messages submitted with SMTP AUTH notify the authenticated user's own address.
 */
class SendersOwnListTest extends ConfirmTestBase {

    @Test
    void signedInSenderListsAndOpensTheirHeldMessages() throws Exception {
        String mine = submit(message("自分の保留 A").to("佐藤 一郎", LOOKALIKE), true);
        String someoneElses = submit(message("他人の保留 B").from("kato@example.co.jp").to("佐藤 一郎", LOOKALIKE), false);
        awaitNotice(SENDER, "自分の保留 A");
        awaitNotice(COLLEAGUE, "他人の保留 B");
        HeldMessage held = hold(mine);
        assertThat(held.authenticatedUser()).hasValue("tanaka");
        assertThat(held.notifyTo().map(Object::toString)).hasValue(SENDER);

        ConfirmClient c = client();
        HttpResponse<String> anonymous = c.get("/my/held");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/my/login");

        HttpResponse<String> wrong = c.post("/my/login", Map.of("_csrf", List.of(c.csrf("/my/login")),
                "username", List.of("tanaka"), "password", List.of("wrong")));
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/my/login?error");

        HttpResponse<String> signIn = c.post("/my/login", Map.of("_csrf", List.of(c.csrf("/my/login")),
                "username", List.of("tanaka"), "password", List.of(PASSWORD)));
        assertThat(signIn.headers().firstValue("Location").orElse("")).endsWith("/my/held");
        String list = c.get("/my/held").body();
        assertThat(list).contains("自分の保留 A").contains("id=\"open-" + mine + "\"").doesNotContain("他人の保留 B")
                .doesNotContain(someoneElses);
        assertThat(c.get("/audit").statusCode()).as("a sender is no console user").isNotEqualTo(200);
        String card = list.substring(list.indexOf("id=\"held-" + mine + "\""));
        card = card.substring(0, card.indexOf("id=\"open-" + mine + "\""));
        assertThat(card).as("issue 11: why, who, which state, until when").contains("よく似た別のドメイン")
                .contains(LOOKALIKE).contains("state-HELD").contains("確認待ち").contains("held-expires")
                .doesNotContain("lookalike-domain");

        String csrf = c.csrf("/my/held");
        HttpResponse<String> open = c.post("/my/held/" + mine + "/open", Map.of("_csrf", List.of(csrf)));
        assertThat(open.statusCode()).isEqualTo(302);
        String location = open.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/confirm/");
        HttpResponse<String> page = client().get(location);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"confirm-form\"").contains("自分の保留 A");

        HttpResponse<String> notMine = c.post("/my/held/" + someoneElses + "/open",
                Map.of("_csrf", List.of(c.csrf("/my/held"))));
        assertThat(notMine.statusCode()).isEqualTo(404);

        ConfirmClient page2 = client();
        HttpResponse<String> sent = page2.post(location, Map.of("_csrf", List.of(page2.csrf(location)),
                "action", List.of("send"), "confirm", List.of(LOOKALIKE)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        String after = c.get("/my/held").body();
        String decided = after.substring(after.indexOf("id=\"held-" + mine + "\""));
        int nextCard = decided.indexOf("class=\"held\"");
        decided = nextCard < 0 ? decided : decided.substring(0, nextCard);
        assertThat(decided).as("issue 11: a decided hold shows its state and no deadline").contains("state-RELEASED")
                .doesNotContain("state-HELD").doesNotContain("held-expires")
                .doesNotContain("id=\"open-" + mine + "\"");
    }
}
