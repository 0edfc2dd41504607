package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From the confirmation page the sender asks to add an unknown recipient to the directory; the
 * request neither decides the hold nor uses up the link, and administrators and auditors (signed in
 * to the console) see it listed.
 */
class DirectoryEntryRequestTest extends ConfirmTestBase {

    @Test
    void senderAsksToAddAnUnknownRecipientAndTheConsoleUsersSeeTheRequest() throws Exception {
        String newcomer = "info@new-partner.co.jp";
        String id = submit(message("登録依頼つき").to("佐藤 一郎", LOOKALIKE).cc("鈴木 花子", PARTNER).cc("新規 担当", newcomer),
                false);
        String link = local(awaitNotice(SENDER, "登録依頼つき").link().orElseThrow());
        ConfirmClient c = client();
        String page = c.get(link).body();
        assertThat(page).contains("id=\"directory-requests\"").contains("name=\"address\" value=\"" + newcomer + "\"")
                .doesNotContain("name=\"address\" value=\"" + PARTNER + "\"")
                .as("issue 11: no directory request right under a look-alike's \"did you mean\"")
                .doesNotContain("name=\"address\" value=\"" + LOOKALIKE + "\"");

        HttpResponse<String> asked = c.post(link + "/directory-request", Map.of("_csrf", List.of(c.csrf(link)),
                "address", List.of(newcomer), "note", List.of("新規 担当 / ニューパートナー 営業部")));
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(c.get(link).body()).contains("登録を依頼済みです").contains("id=\"confirm-form\"");
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.HELD);
        HttpResponse<String> notARecipient = c.post(link + "/directory-request", Map.of("_csrf", List.of(c.csrf(link)),
                "address", List.of("someone@else.example"), "note", List.of("x")));
        assertThat(notARecipient.statusCode()).isEqualTo(302);

        ConfirmClient admin = client();
        HttpResponse<String> anonymous = admin.get("/admin/directory-requests");
        assertThat(anonymous.statusCode()).isIn(302, 401);
        signIn(admin, "admin");
        HttpResponse<String> list = admin.get("/admin/directory-requests");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(newcomer).contains("新規 担当 / ニューパートナー 営業部").contains(id)
                .doesNotContain("someone@else.example");

        ConfirmClient auditor = client();
        signIn(auditor, "auditor");
        assertThat(auditor.get("/admin/directory-requests").statusCode()).isEqualTo(200);
    }

    private static void signIn(ConfirmClient c, String user) throws Exception {
        HttpResponse<String> r = c.post("/login", Map.of("_csrf", List.of(c.csrf("/login")), "username", List.of(user),
                "password", List.of(PASSWORD)));
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }
}
