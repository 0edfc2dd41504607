package com.misdeliveryguard.app.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.ConfirmClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A withdrawn file stays withdrawn (RELIABILITY promise 11): per-recipient revocation leaves the other
 * recipient's link working; expired, revoked and exhausted links answer 410 and say which; a forwarded
 * message's own attachment goes behind the link too; a signed message is never altered. Misdeliveries
 * reported by the sender and by the recipient reach the security officer (GreenMail), the API, the
 * console and the decision log, and the log still verifies.
 */
class RevocationAndReportsTest extends LinksTestBase {

    @Autowired
    LinkPurge purge;

    private String linkOf(String mailbox, byte[] message) {
        return token(receivedBy(mailbox, message));
    }

    private String senderToken(String receipt) {
        Matcher m = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/my/sent/([A-Za-z0-9_-]{32})").matcher(receipt);
        assertThat(m.find()).as("receipt names the sender's page").isTrue();
        return m.group(1);
    }

    private String receipt(String subjectTag) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(SENDER, subjectTag),
                l -> !l.isEmpty()).get(0);
    }

    private String officerMail(String subjectTag) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(OFFICER, subjectTag),
                l -> !l.isEmpty()).get(0);
    }

    private HttpResponse<String> postForm(ConfirmClient browser, String pagePath, String action,
            Map<String, List<String>> fields) throws Exception {
        String csrf = browser.csrf(pagePath);
        java.util.Map<String, List<String>> form = new java.util.HashMap<>(fields);
        form.put("_csrf", List.of(csrf));
        return browser.post(action, form);
    }

    private HttpResponse<String> api(String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("auditor:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void revokingOneRecipientLeavesTheOtherLinkWorkingAndRevokedExpiredExhaustedAnswer410() throws Exception {
        byte[] message = japaneseMailWithPdf("[revoke]", PARTNER + ", " + OTHER);
        String id = submit(message, List.of(PARTNER, OTHER));
        String partner = linkOf(PARTNER, message);
        String other = linkOf(OTHER, message);
        assertThat(partner).isNotEqualTo(other);

        String sent = senderToken(receipt("[revoke]"));
        ConfirmClient sender = client();
        HttpResponse<String> page = sender.get("/my/sent/" + sent);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("鈴木 花子").contains("みどり銀行").contains("佐藤 一郎").contains(PDF_NAME);
        HttpResponse<String> revoked = postForm(sender, "/my/sent/" + sent, "/my/sent/" + sent + "/revoke",
                Map.of("recipient", List.of(PARTNER)));
        assertThat(revoked.statusCode()).isEqualTo(302);

        ConfirmClient recipient = client();
        HttpResponse<String> gone = recipient.get("/d/" + partner);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("data-reason=\"revoked\"").contains(SENDER);
        HttpResponse<byte[]> file = download(client(), other);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body())).isEqualTo(sha256(PDF));
        assertThat(logOf(id)).contains("links-revoked");

        for (int i = 1; i < 5; i++) {
            assertThat(download(client(), other).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> exhausted = client().get("/d/" + other);
        assertThat(exhausted.statusCode()).isEqualTo(410);
        assertThat(exhausted.body()).contains("data-reason=\"exhausted\"");
        assertThat(downloadsOf(OTHER, id)).isEqualTo(5);

        byte[] later = japaneseMailWithPdf("[expire]", PARTNER);
        submit(later, List.of(PARTNER));
        String expiring = linkOf(PARTNER, later);
        ConfirmClient early = client();
        Page before = page(early, expiring);
        clock.advance(Duration.ofDays(8));
        try {
            HttpResponse<String> expired = client().get("/d/" + expiring);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("data-reason=\"expired\"");
            HttpResponse<byte[]> late = early.postForBytes("/d/" + expiring + "/files/" + before.fileId(),
                    Map.of("_csrf", List.of(before.csrf())));
            assertThat(late.statusCode()).as("a page opened before expiry cannot download after").isEqualTo(410);

            assertThat(purge.run()).isGreaterThanOrEqualTo(0);
            clock.advance(Duration.ofDays(8));
            assertThat(purge.run()).isGreaterThanOrEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM link_chunk c JOIN link_file f ON f.id = c.file_id "
                    + "WHERE f.queue_id = ?", Integer.class, id)).isZero();
            assertThat(logOf(id)).contains("files-purged");
        } finally {
            clock.advance(Duration.ofDays(-16));
        }
    }

    @Test
    void aForwardedMessagesOwnAttachmentGoesBehindTheLink() throws Exception {
        byte[] csv = "会社,金額\r\nみどり銀行,100\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] message = crlf("From: " + SENDER + "\nTo: " + PARTNER + "\nSubject: Fwd: report [fwd]\nMessage-ID: "
                + messageId() + "\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1\n\n--b1\n"
                + "Content-Type: text/plain; charset=UTF-8\n\nPlease see the forwarded mail.\n--b1\n"
                + "Content-Type: message/rfc822\n\nFrom: c@example.org\nSubject: report\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=b2\n\n--b2\nContent-Type: text/plain\n\n"
                + "The figures are attached.\n--b2\nContent-Type: text/csv; name=\"=?UTF-8?B?"
                + Base64.getEncoder().encodeToString("売上.csv".getBytes(StandardCharsets.UTF_8)) + "?=\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + base64(csv) + "\n--b2--\n\n--b1--\n",
                StandardCharsets.UTF_8);
        submit(message, List.of(PARTNER));
        byte[] copy = receivedBy(PARTNER, message);
        String text = new String(copy, StandardCharsets.UTF_8);
        assertThat(text).contains("The figures are attached.").contains("From: c@example.org")
                .doesNotContain(base64(csv));
        assertThat(text + decodedText(copy)).contains("売上.csv");
        HttpResponse<byte[]> file = download(client(), token(copy));
        assertThat(file.body()).isEqualTo(csv);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    }

    @Test
    void aSignedMessageIsNeverAltered() throws Exception {
        byte[] message = crlf("From: " + SENDER + "\nTo: " + PARTNER + "\nSubject: signed [smime]\nMessage-ID: "
                + messageId() + "\nMIME-Version: 1.0\nContent-Type: multipart/signed; "
                + "protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=sig\n\n--sig\n"
                + "Content-Type: multipart/mixed; boundary=m\n\n--m\nContent-Type: text/plain\n\nSigned text.\n--m\n"
                + "Content-Type: application/pdf; name=contract.pdf\nContent-Transfer-Encoding: base64\n\n"
                + base64(PDF).substring(0, 760) + "\n--m--\n\n--sig\nContent-Type: application/pkcs7-signature; "
                + "name=smime.p7s\nContent-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkq\n"
                + "--sig--\n", StandardCharsets.US_ASCII);
        String id = submit(message, List.of(PARTNER));
        byte[] copy = receivedBy(PARTNER, message);
        assertThat(afterTrace(copy)).isEqualTo(withoutFinalCrlf(message));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logOf(id).contains("links-skipped"));
        assertThat(jdbc.queryForList("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = 'links-skipped'",
                String.class, id).get(0)).contains("multipart/signed");
    }

    @Test
    void theSendersOneClickReportRevokesAndReachesTheOfficerTheApiTheConsoleAndTheLog() throws Exception {
        byte[] message = japaneseMailWithPdf("[report-sender]", PARTNER + ", " + OTHER);
        String id = submit(message, List.of(PARTNER, OTHER));
        String partner = linkOf(PARTNER, message);
        assertThat(download(client(), partner).statusCode()).isEqualTo(200);
        String sent = senderToken(receipt("[report-sender]"));

        ConfirmClient sender = client();
        HttpResponse<String> reported = postForm(sender, "/my/sent/" + sent, "/my/sent/" + sent + "/report",
                Map.of("recipient", List.of(PARTNER), "background", List.of("宛先の鈴木様は別のお客様でした。")));
        assertThat(reported.statusCode()).isEqualTo(302);
        assertThat(client().get("/d/" + partner).statusCode()).isEqualTo(410);
        assertThat(download(client(), linkOf(OTHER, message)).statusCode()).as("only the chosen recipient").isEqualTo(200);

        String mail = officerMail("[report-sender]");
        assertThat(mail).contains(PARTNER).contains("鈴木 花子").contains("みどり銀行").contains(PDF_NAME)
                .contains(sha256(PDF)).contains("ダウンロード済 downloaded 1x").contains("未ダウンロード not downloaded")
                .contains("宛先の鈴木様は別のお客様でした。").contains("sender " + SENDER).contains("なし none");

        HttpResponse<String> incidents = api("/api/v1/incidents");
        assertThat(incidents.statusCode()).isEqualTo(200);
        assertThat(incidents.body()).contains("\"queueId\":\"" + id + "\"").contains("宛先の鈴木様は別のお客様でした。")
                .contains("\"misdeliveredTo\":[\"" + PARTNER + "\"]");
        HttpResponse<String> console = api("/audit/incidents");
        assertThat(console.body()).contains("お見積書の送付 [report-sender]").contains(PARTNER);
        assertThat(api("/audit/incidents.csv").body()).startsWith("\uFEFFincident,").contains(PDF_NAME);
        assertThat(logOf(id)).contains("links-created", "downloaded", "links-revoked", "incident-reported");
        assertThat(api("/api/v1/audit/verify").body()).contains("\"intact\":true");
    }

    @Test
    void theRecipientsNotMeantForMeRevokesTheirLinkAndReportsWithoutSignIn() throws Exception {
        byte[] message = japaneseMailWithPdf("[report-recipient]", OTHER);
        String id = submit(message, List.of(OTHER));
        String token = linkOf(OTHER, message);
        HttpResponse<String> reported = postForm(client(), "/d/" + token, "/d/" + token + "/not-for-me",
                Map.of("background", List.of("心当たりがありません")));
        assertThat(reported.statusCode()).isEqualTo(200);
        assertThat(reported.body()).contains("id=\"reported\"");
        assertThat(client().get("/d/" + token).statusCode()).isEqualTo(410);

        String mail = officerMail("[report-recipient]");
        assertThat(mail).contains("recipient " + OTHER).contains("佐藤 一郎").contains("心当たりがありません")
                .contains("未ダウンロード not downloaded").contains(PDF_NAME);
        assertThat(logOf(id)).contains("incident-reported");
        assertThat(api("/api/v1/incidents").body()).contains("\"kind\":\"RECIPIENT\"");
    }
}
