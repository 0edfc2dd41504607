package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.LogEntry;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may see and do what: the console needs a sign-in, auditors read but cannot act (403 even
 * with a valid CSRF token), admins act, actions without a CSRF token are refused, health stays open,
 * and every page carries the security headers. Every view is itself logged.
 */
class ConsoleSecurityTest extends AuditApplicationTestBase {

    @Test
    void shouldKeepHealthOpenAndPrometheusOpenFromLoopback() throws Exception {
        ConsoleClient anonymous = console();
        assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").body()).contains("guard_audit_append_failures_total");
        assertThat(anonymous.get("/css/audit.css").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldSendStrangersToTheSignInPage() throws Exception {
        HttpResponse<String> response = console().get("/audit");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login");
        assertThat(console().get("/actuator/metrics").statusCode()).isIn(302, 401, 403);
    }

    @Test
    void shouldRefuseAWrongPassword() throws Exception {
        HttpResponse<String> response = console().signIn("auditor", "wrong");
        assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/login?error");
    }

    @Test
    void shouldLetAnAuditorReadWithSecurityHeadersAndLogTheView() throws Exception {
        ConsoleClient auditor = console();
        assertThat(auditor.signIn("auditor", PASSWORD).headers().firstValue("Location")).get().asString()
                .endsWith("/audit");
        HttpResponse<String> list = auditor.get("/audit?outcome=hold");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"messages\"");
        assertThat(list.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(list.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(list.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        assertThat(list.headers().firstValue("X-Frame-Options")).contains("DENY");

        LogEntry view = queries.page(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("audit-access")),
                Optional.empty(), Optional.empty(), 1).entries().get(0);
        assertThat(view.actor()).contains("auditor");
        assertThat(view.details()).contains("\"view\":\"messages\"").contains("\"outcome\":\"hold\"")
                .contains("\"ip\":\"127.0.0.1\"");
    }

    @Test
    void shouldForbidAnAuditorEveryActionEvenWithAValidCsrfToken() throws Exception {
        ConsoleClient auditor = console();
        auditor.signIn("auditor", PASSWORD);
        String csrf = auditor.csrf("/audit/verify");
        assertThat(auditor.post("/admin/audit/checkpoint", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/admin/audit/retention", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/admin/held/Q1/release", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/api/v1/held/Q1/release", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(auditor.get("/audit/verify").body()).doesNotContain("sign-checkpoint");
    }

    @Test
    void shouldLetAnAdminActWithACsrfTokenOnlyAndLogTheAction() throws Exception {
        ConsoleClient admin = console();
        admin.signIn("admin", PASSWORD);
        assertThat(admin.post("/admin/audit/checkpoint", Map.of()).statusCode()).isEqualTo(403);
        String csrf = admin.csrf("/audit/verify");
        HttpResponse<String> done = admin.post("/admin/audit/checkpoint", Map.of("_csrf", csrf));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).get().asString().endsWith("/audit/verify");
        LogEntry action = queries.page(new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("admin-action")),
                Optional.empty(), Optional.empty(), 1).entries().get(0);
        assertThat(action.actor()).contains("admin");
        assertThat(action.details()).contains("audit-checkpoint");
    }

    @Test
    void shouldAnswerTheVerifyApiForAnAuditorWithBasicAuthentication() throws Exception {
        HttpResponse<String> response = console().getWithBasic("/api/v1/audit/verify", "auditor", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"intact\":true").contains("\"lastHash\"");
        assertThat(console().getWithBasic("/api/v1/audit/verify", "auditor", "nope").statusCode()).isEqualTo(401);
        HttpResponse<String> entries = console().getWithBasic("/api/v1/audit/entries?size=2", "admin", PASSWORD);
        assertThat(entries.statusCode()).isEqualTo(200);
        assertThat(entries.body()).contains("\"entries\":[{").contains("\"hash\":");
    }
}
