package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Administrators decide directory-entry requests over the real HTTP stack: an approval adds the
 * contact under the source {@code requests} without removing anybody else, a rejection leaves the
 * directory alone, each request is decided once, auditors may look but not decide, and every
 * decision is in the decision log.
 */
class DirectoryRequestDecisionTest extends ConfirmTestBase {

    @Autowired
    ContactDirectory directory;

    @Test
    void approvedRequestPutsTheContactInTheDirectoryOnceAndOnlyAnAdministratorCanDecide() throws Exception {
        String address = "takahashi@aoba-shoj1.co.jp";
        long id = requestFromThePage("承認される依頼", "高橋 三郎", address, "高橋 三郎 / あおば商事 総務部");
        assertThat(directory.contactByAddress(MailAddress.of(address))).isEmpty();

        ConfirmClient auditor = signedIn("auditor");
        String auditorsView = auditor.get("/admin/directory-requests").body();
        assertThat(auditorsView).contains(address).doesNotContain("/approve");
        HttpResponse<String> auditorApproves = auditor.post("/admin/directory-requests/" + id + "/approve",
                Map.of("_csrf", List.of(auditor.csrf("/login")), "name", List.of("x")));
        assertThat(auditorApproves.statusCode()).isEqualTo(403);
        assertThat(status(id)).isEqualTo("OPEN");

        ConfirmClient admin = signedIn("admin");
        String page = admin.get("/admin/directory-requests").body();
        assertThat(page).contains("id=\"request-" + id + "\"").contains("value=\"高橋 三郎\"")
                .contains("value=\"あおば商事\"").contains("value=\"総務部\"");
        HttpResponse<String> approved = admin.post("/admin/directory-requests/" + id + "/approve",
                Map.of("_csrf", List.of(admin.csrf("/admin/directory-requests")), "name", List.of("高橋 三郎"),
                        "organization", List.of("株式会社あおば商事"), "department", List.of("総務部")));
        assertThat(approved.statusCode()).isEqualTo(302);
        assertThat(approved.headers().firstValue("Location").orElse("")).contains("outcome=approved");

        Contact added = directory.contactByAddress(MailAddress.of(address)).orElseThrow();
        assertThat(added.toString()).contains("高橋").contains("株式会社あおば商事");
        assertThat(added.department()).hasValue("総務部");
        assertThat(added.source().value()).isEqualTo("requests");
        assertThat(directory.contactByAddress(MailAddress.of("sato@aoba-shoji.co.jp"))).as("others stay").isPresent();
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("SELECT decided_by FROM confirm_directory_request WHERE id = ?", String.class,
                id)).isEqualTo("admin");
        assertThat(admin.get("/admin/directory-requests").body()).doesNotContain("id=\"request-" + id + "\"");

        HttpResponse<String> again = admin.post("/admin/directory-requests/" + id + "/reject",
                Map.of("_csrf", List.of(admin.csrf("/login"))));
        assertThat(again.headers().firstValue("Location").orElse("")).contains("outcome=already_decided");
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(directory.contactByAddress(MailAddress.of(address))).isPresent();
        assertThat(adminActions(id)).containsExactly("directory-request-approve");
    }

    @Test
    void rejectedRequestLeavesTheDirectoryAloneAndCannotBeApprovedAfterwards() throws Exception {
        String address = "yamada@aoba-shoj1.co.jp";
        long id = requestFromThePage("却下される依頼", "山田 四郎", address, "山田 四郎");

        ConfirmClient admin = signedIn("admin");
        HttpResponse<String> rejected = admin.post("/admin/directory-requests/" + id + "/reject",
                Map.of("_csrf", List.of(admin.csrf("/login"))));
        assertThat(rejected.headers().firstValue("Location").orElse("")).contains("outcome=rejected");
        assertThat(status(id)).isEqualTo("REJECTED");

        HttpResponse<String> late = admin.post("/admin/directory-requests/" + id + "/approve",
                Map.of("_csrf", List.of(admin.csrf("/login")), "name", List.of("山田 四郎")));
        assertThat(late.headers().firstValue("Location").orElse("")).contains("outcome=already_decided");
        assertThat(status(id)).isEqualTo("REJECTED");
        assertThat(directory.contactByAddress(MailAddress.of(address))).isEmpty();
        assertThat(adminActions(id)).containsExactly("directory-request-reject");
    }

    private long requestFromThePage(String subject, String name, String address, String note) throws Exception {
        submit(message(subject).to(name, address), false);
        String link = local(awaitNotice(SENDER, subject).link().orElseThrow());
        ConfirmClient sender = client();
        HttpResponse<String> asked = sender.post(link + "/directory-request", Map.of("_csrf",
                List.of(sender.csrf(link)), "address", List.of(address), "note", List.of(note)));
        assertThat(asked.statusCode()).isEqualTo(302);
        return jdbc.queryForObject("SELECT id FROM confirm_directory_request WHERE address = ?", Long.class, address);
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM confirm_directory_request WHERE id = ?", String.class, id);
    }

    private List<String> adminActions(long id) {
        return jdbc.queryForList("SELECT details FROM audit_entry WHERE event_type = 'admin-action' ORDER BY seq",
                String.class).stream().filter(d -> d.contains("directory-request-"))
                .filter(d -> d.contains("\"request\":\"" + id + "\""))
                .map(d -> d.contains("directory-request-approve") ? "directory-request-approve"
                        : "directory-request-reject").toList();
    }

    private ConfirmClient signedIn(String user) throws Exception {
        ConfirmClient c = client();
        HttpResponse<String> r = c.post("/login", Map.of("_csrf", List.of(c.csrf("/login")), "username", List.of(user),
                "password", List.of(PASSWORD)));
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return c;
    }
}
