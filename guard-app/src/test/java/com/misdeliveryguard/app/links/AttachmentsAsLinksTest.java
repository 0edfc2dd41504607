package com.misdeliveryguard.app.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.ConfirmClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6a over the real wire: a mail with a Japanese-named PDF to an internal and an external
 * recipient goes through the SMTP listener to GreenMail. The internal copy is the submitted bytes; the
 * external copy has no file bytes and its own link, whose download is the PDF (same SHA-256). GET and HEAD
 * never serve or count; POST without CSRF is refused.
 */
class AttachmentsAsLinksTest extends LinksTestBase {

    @Test
    void internalCopyIsByteIdenticalAndTheExternalLinkServesTheOriginalFile() throws Exception {
        byte[] message = japaneseMailWithPdf("[basic]", PARTNER + ", " + COLLEAGUE);
        String id = submit(message, List.of(COLLEAGUE, PARTNER));

        byte[] internal = receivedBy(COLLEAGUE, message);
        assertThat(afterTrace(internal)).isEqualTo(withoutFinalCrlf(message));

        byte[] external = receivedBy(PARTNER, message);
        String copy = new String(external, StandardCharsets.ISO_8859_1);
        assertThat(copy).doesNotContain(base64(PDF).substring(0, 400)).doesNotContain("filename*=")
                .contains("Message-ID: " + header(message, "Message-ID"))
                .contains("Content-Type: text/plain; charset=ISO-2022-JP");
        String jis = new String(external, java.nio.charset.Charset.forName("ISO-2022-JP"));
        assertThat(jis).contains("お見積書をお送りします。").contains(PDF_NAME).contains(sha256(PDF))
                .contains("添付ファイルはダウンロードリンクでお送りしています");
        assertThat(new String(external, StandardCharsets.UTF_8)).contains("<p>鈴木様</p>").contains(PDF_NAME);
        String token = token(external);

        ConfirmClient browser = client().userAgent("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> page = browser.get("/d/" + token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(PDF_NAME).contains("みどり銀行").doesNotContain("%PDF");
        }
        assertThat(browser.head("/d/" + token).statusCode()).isEqualTo(200);
        assertThat(downloadsOf(PARTNER, id)).as("GET and HEAD never count").isZero();

        Page p = page(browser, token);
        assertThat(client().post("/d/" + token + "/files/" + p.fileId(), Map.of()).statusCode())
                .as("POST without CSRF").isEqualTo(403);
        HttpResponse<byte[]> file = browser.postForBytes("/d/" + token + "/files/" + p.fileId(),
                Map.of("_csrf", List.of(p.csrf())));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body())).isEqualTo(sha256(PDF));
        assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;").contains("filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8_");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(downloadsOf(PARTNER, id)).isEqualTo(1);
        assertThat(logOf(id)).contains("links-created", "downloaded");

        String receipt = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(SENDER, "添付ファイルをリンクで送信しました: お見積書の送付 [basic]"), l -> !l.isEmpty()).get(0);
        assertThat(receipt).contains(PUBLIC_URL + "/my/sent/").contains("鈴木 花子").contains(PDF_NAME);
    }
}
