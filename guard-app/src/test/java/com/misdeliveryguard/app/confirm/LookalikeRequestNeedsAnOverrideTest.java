package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11: a request to add a look-alike address to the directory is flagged on the administrators'
 * page; approving it adds the contact, but mail to it stays held — only an explicit override, which the
 * decision log records with the domain it resembles, lets it through.
 */
class LookalikeRequestNeedsAnOverrideTest extends RealRulesTestBase {

    @Autowired
    ContactDirectory directory;

    @Test
    void anApprovedLookalikeRequestIsStillHeldAndAnOverriddenOneIsDelivered() throws Exception {
        String lookalike = "ichiro@aoba-shoji.jp";
        long plain = requestFromThePage("登録依頼（上書きなし）", "田中 一郎", lookalike, "株式会社あおば商事\r\n田中様");
        ConfirmClient admin = signedIn();
        String page = admin.get("/admin/directory-requests").body();
        assertThat(page).contains("id=\"lookalike-" + plain + "\"").contains("aoba-shoji.co.jp によく似た別のドメイン")
                .contains("id=\"override-" + plain + "\"");
        approve(admin, plain, "田中 一郎", "株式会社あおば商事", false);
        assertThat(directory.contactByAddress(MailAddress.of(lookalike)).orElseThrow().source().value())
                .isEqualTo("requests");

        Submission next = message("承認後の送信", "株式会社あおば商事\r\n田中様").to("田中 一郎", lookalike);
        String nextId = submit(next);
        awaitNotice("承認後の送信");
        assertThat(hold(nextId).state()).isEqualTo(HoldState.HELD);
        assertThat(hold(nextId).findings()).filteredOn(f -> f.ruleId().equals("lookalike-domain")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("trusted", "requested"));

        String vouched = "hanako@midori-bank.com";
        long overridden = requestFromThePage("登録依頼（上書き）", "鈴木 花子", vouched, "みどり銀行\r\n鈴木様");
        approve(admin, overridden, "鈴木 花子", "みどり銀行", true);
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE event_type = 'admin-action' ORDER BY seq",
                String.class)).filteredOn(d -> d.contains("\"request\":\"" + overridden + "\"")).singleElement()
                .asString().contains("\"override\":\"lookalike-domain\"").contains("\"resembles\":\"midori-bank.co.jp\"")
                .contains("\"source\":\"requests-override\"").contains("\"name\":\"admin\"");

        Submission delivered = message("上書き後の送信", "みどり銀行\r\n鈴木様").to("鈴木 花子", vouched);
        String deliveredId = submit(delivered);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(delivered).size() == 1);
        assertThat(holds.find(deliveredId)).isEmpty();
    }

    private long requestFromThePage(String subject, String name, String address, String body) throws Exception {
        submit(message(subject, body).to(name, address));
        String link = local(awaitNotice(subject).link().orElseThrow());
        ConfirmClient sender = client();
        HttpResponse<String> asked = sender.post(link + "/directory-request", Map.of("_csrf",
                List.of(sender.csrf(link)), "address", List.of(address), "note", List.of(name)));
        assertThat(asked.statusCode()).isEqualTo(302);
        return jdbc.queryForObject("SELECT id FROM confirm_directory_request WHERE address = ?", Long.class, address);
    }

    private static void approve(ConfirmClient admin, long id, String name, String organization, boolean override)
            throws Exception {
        Map<String, List<String>> form = new java.util.HashMap<>(Map.of("_csrf",
                List.of(admin.csrf("/admin/directory-requests")), "name", List.of(name), "organization",
                List.of(organization)));
        if (override) {
            form.put("override", List.of("lookalike-domain"));
        }
        HttpResponse<String> approved = admin.post("/admin/directory-requests/" + id + "/approve", form);
        assertThat(approved.headers().firstValue("Location").orElse("")).contains("outcome=approved");
    }

    private ConfirmClient signedIn() throws Exception {
        ConfirmClient c = client();
        HttpResponse<String> r = c.post("/login", Map.of("_csrf", List.of(c.csrf("/login")), "username",
                List.of("admin"), "password", List.of(ConfirmTestBase.PASSWORD)));
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return c;
    }
}
