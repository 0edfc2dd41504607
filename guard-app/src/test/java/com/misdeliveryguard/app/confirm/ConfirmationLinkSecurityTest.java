package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.confirm.hold.HoldState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * RELIABILITY promise 9 over the real wire: GET never changes anything (link scanners), POST needs
 * CSRF, a link is single-use, bound to its message, and expires; every bad link gets the same
 * generic page; the security headers are there; tokens are stored only as hashes and never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfirmationLinkSecurityTest extends ConfirmTestBase {

    private String heldLink(String subject) throws Exception {
        submit(message(subject).to("佐藤 一郎", LOOKALIKE), false);
        return local(awaitNotice(SENDER, subject).link().orElseThrow());
    }

    private static Map<String, List<String>> send(String csrf, String... confirm) {
        return Map.of("_csrf", List.of(csrf), "action", List.of("send"), "confirm", List.of(confirm));
    }

    /** GetRequestDoesNotReleaseHeldMessage: what Safe Links / Proofpoint / Mimecast do to every link. */
    @Test
    void linkScannerHeadAndRepeatedGetsLeaveTheMessageHeld() throws Exception {
        Submission m = message("スキャナー対策").to("佐藤 一郎", LOOKALIKE);
        String id = submit(m, false);
        String link = local(awaitNotice(SENDER, "スキャナー対策").link().orElseThrow());
        ConfirmClient scanner = client().userAgent(ConfirmClient.HEADLESS_UA);
        assertThat(scanner.head(link).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(scanner.get(link).statusCode()).isEqualTo(200);
            assertThat(client().userAgent(ConfirmClient.HEADLESS_UA).get(link + "?lang=en").statusCode()).isEqualTo(200);
        }
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.HELD);
        assertThat(holds.find(id).orElseThrow().times().decidedAt()).isEmpty();
        assertThat(inHoldQueue(id)).isTrue();
        Thread.sleep(300);
        assertThat(deliveriesOf(m)).isEmpty();
        assertThat(logOf(id)).doesNotContain("confirmed", "cancelled", "partially-confirmed");

        ConfirmClient person = client();
        assertThat(person.post(link, send(person.csrf(link), LOOKALIKE)).statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
    }

    @Test
    void postWithoutCsrfIsForbiddenAndChangesNothing() throws Exception {
        String link = heldLink("CSRFなし");
        ConfirmClient c = client();
        c.get(link);
        HttpResponse<String> noToken = c.post(link, Map.of("action", List.of("cancel")));
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> wrongToken = c.post(link, Map.of("_csrf", List.of("forged"), "action", List.of("cancel")));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(c.get(link).body()).contains("id=\"confirm-form\"");
    }

    @Test
    void reusedAlteredUnknownAndExpiredLinksAllGetTheSameGenericPage() throws Exception {
        String link = heldLink("使い回し");
        ConfirmClient c = client();
        assertThat(c.post(link, send(c.csrf(link), LOOKALIKE)).statusCode()).isEqualTo(302);
        HttpResponse<String> outcome = c.get(link);
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.body()).contains("id=\"outcome\"").doesNotContain("confirm-form");

        String csrf = c.csrf("/my/login");
        HttpResponse<String> reused = c.post(link, send(csrf, LOOKALIKE));
        assertThat(reused.statusCode()).isEqualTo(404);
        assertThat(reused.body()).contains("id=\"invalid\"");

        String other = heldLink("改ざん");
        char last = other.charAt(other.length() - 1);
        String altered = other.substring(0, other.length() - 1) + (last == 'A' ? 'B' : 'A');
        HttpResponse<String> alteredPage = c.get(altered);
        HttpResponse<String> unknownPage = c.get(base() + "/confirm/" + "x".repeat(43));
        HttpResponse<String> garbagePage = c.get(base() + "/confirm/%3Cscript%3E");
        assertThat(List.of(alteredPage.statusCode(), unknownPage.statusCode(), garbagePage.statusCode()))
                .containsOnly(404);
        assertThat(alteredPage.body()).isEqualTo(unknownPage.body()).isEqualTo(reused.body())
                .isEqualTo(garbagePage.body());
        assertThat(c.post(altered, send(csrf, LOOKALIKE)).statusCode()).isEqualTo(404);

        String expiring = heldLink("期限切れリンク");
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        HttpResponse<String> expired = c.get(expiring);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(expired.body()).isEqualTo(unknownPage.body());
        assertThat(c.post(expiring, send(csrf, LOOKALIKE)).statusCode()).isEqualTo(404);
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        String link = heldLink("ヘッダー");
        HttpResponse<String> page = client().get(link);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'").contains("script-src 'self'").contains("style-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("http");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<script>")
                .doesNotContain("style=\"");
        HttpResponse<String> invalid = client().get(base() + "/confirm/" + "y".repeat(43));
        assertThat(invalid.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    void tokensAreStoredOnlyAsHashesAndNeverLogged(CapturedOutput output) throws Exception {
        String link = heldLink("トークン");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM confirm_token");
        assertThat(rows.toString()).doesNotContain(token);
        ConfirmClient c = client();
        c.post(link, send(c.csrf(link), LOOKALIKE));
        c.get(link);
        assertThat(output.getAll()).doesNotContain(token);
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry", String.class).toString()).doesNotContain(token);
    }
}
