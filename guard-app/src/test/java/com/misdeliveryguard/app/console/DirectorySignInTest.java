package com.misdeliveryguard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.audit.ConsoleClient;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Sign-in with the company directory (UnboundID's in-memory LDAP server): console roles from group
 * membership, wrong passwords refused, SMTP AUTH PLAIN over a real socket to the listener, and an
 * employee's own held mail at {@code /my/held}.
 */
class DirectorySignInTest extends ConsoleTestBase {

    @Test
    void shouldSignInAnAuditorAndAnAdministratorByGroup() throws Exception {
        ConsoleClient auditor = new ConsoleClient(webPort);
        assertThat(auditor.signIn("inoue", "inoue-dir-pass").headers().firstValue("Location")).get().asString()
                .endsWith("/audit");
        assertThat(auditor.get("/audit").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/admin/holds").statusCode()).isEqualTo(200);
        assertThat(auditor.post("/admin/holds/NONE/discard", Map.of("_csrf", auditor.csrf("/admin/holds"),
                "reason", "x")).statusCode()).as("an auditor may not act").isEqualTo(403);

        ConsoleClient adByMemberOf = new ConsoleClient(webPort);
        assertThat(adByMemberOf.signIn("sasaki", "sasaki-dir-pass").headers().firstValue("Location")).get()
                .asString().endsWith("/audit");

        ConsoleClient admin = new ConsoleClient(webPort);
        assertThat(admin.signIn("yamada", "yamada-dir-pass").headers().firstValue("Location")).get().asString()
                .endsWith("/audit");
        assertThat(admin.post("/admin/holds/NONE/discard", Map.of("_csrf", admin.csrf("/admin/holds"),
                "reason", "x")).headers().firstValue("Location")).get().asString().contains("done=stale");
        assertThat(new ConsoleClient(webPort).getWithBasic("/api/v1/holds", "yamada", "yamada-dir-pass").statusCode())
                .as("HTTP Basic with the directory password").isEqualTo(200);
    }

    @Test
    void shouldLetAMemberOfTheClientGroupCheckAndSearchButNothingElse() throws Exception {
        ConsoleClient addIn = new ConsoleClient(webPort);
        assertThat(addIn.postJsonWithBasic("/api/v1/check", "mori", "mori-dir-pass", """
                {"from": "mori@example.co.jp", "to": [{"name": "佐藤 一郎", "address": "sato@aoba-shoji.co.jp"}],
                 "subject": "お見積り", "body": "株式会社あおば商事 佐藤様"}""").statusCode())
                .as("the add-in's check with a directory account in the client group").isEqualTo(200);
        assertThat(addIn.getWithBasic("/api/v1/directory/search?q=sato", "mori", "mori-dir-pass").statusCode())
                .as("directory search").isEqualTo(200);
        assertThat(addIn.getWithBasic("/api/v1/holds", "mori", "mori-dir-pass").statusCode())
                .as("nothing of the console").isEqualTo(403);
        assertThat(addIn.getWithBasic("/api/v1/directory/search?q=sato", "kimura", "kimura-dir-pass").statusCode())
                .as("an employee outside the client group").isIn(401, 403);
    }

    @Test
    void shouldRefuseAWrongPasswordAndAnEmployeeOutsideTheGroups() throws Exception {
        assertThat(new ConsoleClient(webPort).signIn("inoue", "wrong").headers().firstValue("Location")).get()
                .asString().endsWith("/login?error");
        assertThat(new ConsoleClient(webPort).signIn("inoue", "").headers().firstValue("Location")).get()
                .asString().endsWith("/login?error");
        assertThat(new ConsoleClient(webPort).signIn("kimura", "kimura-dir-pass").headers().firstValue("Location"))
                .get().asString().endsWith("/login?error");
        assertThat(new ConsoleClient(webPort).signIn("*", "inoue-dir-pass").headers().firstValue("Location")).get()
                .asString().as("the name is escaped into the filter").endsWith("/login?error");
        assertThat(new ConsoleClient(webPort).signIn("admin", PASSWORD).headers().firstValue("Location")).get()
                .asString().as("configured users stay").endsWith("/audit");
    }

    @Test
    void shouldAcceptSmtpAuthPlainWithADirectoryAccountAndRefuseAWrongPassword() throws Exception {
        String id = send(Optional.of(new String[] {"kimura", "kimura-dir-pass"}), KIMURA, "社内連絡", TANAKA);
        assertThat(eventsOf(id)).contains("received");
        assertThat(jdbc.queryForObject("SELECT actor FROM audit_entry WHERE queue_id = ? AND event_type = 'received'",
                String.class, id)).isEqualTo("kimura");
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO console.test");
            assertThat(client.command("AUTH PLAIN " + plain("kimura", "wrong"))).startsWith("535");
            RawSmtpClient.expect(client.command("AUTH PLAIN " + plain("kimura", "kimura-dir-pass")), "235");
            assertThat(client.command("MAIL FROM:<" + TANAKA + ">")).as("not kimura's address").startsWith("553");
            RawSmtpClient.expect(client.command("MAIL FROM:<" + KIMURA + ">"), "250");
        }
    }

    @Test
    void shouldShowAnEmployeeOnlyTheirOwnHolds() throws Exception {
        String own = send(Optional.of(new String[] {"kimura", "kimura-dir-pass"}), KIMURA, "木村の保留メール",
                STRANGER_AT_AOBA);
        String other = sendAsTanaka("田中の保留メール", STRANGER_AT_AOBA);
        awaitHold(own);
        awaitHold(other);
        ConsoleClient kimura = new ConsoleClient(webPort);
        assertThat(kimura.signInAt("/my/login", "kimura", "wrong").headers().firstValue("Location")).get().asString()
                .contains("/my/login?error");
        assertThat(kimura.signInAt("/my/login", "kimura", "kimura-dir-pass").headers().firstValue("Location")).get()
                .asString().endsWith("/my/held");
        String list = kimura.get("/my/held").body();
        assertThat(list).contains("木村の保留メール").contains("held-" + own).doesNotContain("田中の保留メール")
                .doesNotContain(other);
        assertThat(kimura.get("/audit").statusCode()).as("an employee is no console user").isNotEqualTo(200);
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
