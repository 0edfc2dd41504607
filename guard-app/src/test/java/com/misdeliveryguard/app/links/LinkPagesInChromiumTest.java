package com.misdeliveryguard.app.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The recipient's page, the sender's page and the console's Incidents page in a real headless
 * Chromium, Japanese and English, desktop and phone width: the recipient downloads the PDF (the file
 * on disk has the original SHA-256), the sender reports a misdelivery with one click, the auditor sees
 * it. Screenshots go to {@code target/screenshots/links-*.png} (copies in {@code docs/screenshots/}).
 */
class LinkPagesInChromiumTest extends LinksTestBase {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    private static void shot(WebDriver browser, int width, String name) {
        browser.manage().window().setSize(new Dimension(width, 800));
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 6000)));
        chromium.screenshot(name);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** Desktop and phone screenshots in both languages of the page at {@code url} (which has no lang). */
    private static void shots(WebDriver browser, String url, String name) {
        for (String lang : List.of("ja", "en")) {
            browser.get(url + "?lang=" + lang);
            shot(browser, 1400, name + "-" + lang);
            shot(browser, 390, name + "-" + lang + "-phone");
        }
    }

    @Test
    void recipientDownloadsSenderReportsAuditorSeesTheIncident() throws Exception {
        byte[] message = japaneseMailWithPdf("[browser]", PARTNER + ", " + OTHER);
        String id = submit(message, List.of(PARTNER, OTHER));
        String token = token(receivedBy(PARTNER, message));
        WebDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1400, 1000));

        String recipientPage = base() + "/d/" + token;
        shots(browser, recipientPage, "links-recipient-page");
        browser.get(recipientPage + "?lang=ja");
        assertThat(browser.findElement(By.id("sender")).getText()).contains("田中 太郎").contains("エグザンプル株式会社");
        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("お見積書の送付 [browser]");
        assertThat(browser.findElement(By.id("files")).getText()).contains(PDF_NAME).contains("293 KB")
                .contains(sha256(PDF)).contains("残り 5 回");
        browser.findElement(By.cssSelector("button[id^=download-]")).click();
        Path file = chromium.awaitDownload(".pdf", Duration.ofSeconds(30));
        assertThat(file.getFileName().toString()).isEqualTo(PDF_NAME);
        assertThat(sha256(Files.readAllBytes(file))).isEqualTo(sha256(PDF));
        assertThat(downloadsOf(PARTNER, id)).isEqualTo(1);

        String receipt = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(SENDER, "[browser]"), l -> !l.isEmpty()).get(0);
        Matcher m = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/my/sent/[A-Za-z0-9_-]{32})").matcher(receipt);
        assertThat(m.find()).isTrue();
        String senderPage = base() + m.group(1);
        shots(browser, senderPage, "links-sender-page");
        browser.get(senderPage + "?lang=en");
        String table = browser.findElement(By.id("recipients")).getText();
        assertThat(table).contains("鈴木 花子").contains("みどり銀行").contains("downloaded").contains("佐藤 一郎")
                .contains("not downloaded");
        browser.findElement(By.cssSelector("input[name=recipient][value='" + PARTNER + "']")).click();
        browser.findElement(By.id("background")).sendKeys("Sent to the wrong Suzuki.");
        browser.findElement(By.id("report")).click();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("done")).isEmpty());
        assertThat(browser.findElement(By.id("done")).getText()).startsWith("Misdelivery reported (incident");
        shot(browser, 1400, "links-sender-page-reported-en");
        browser.get(recipientPage);
        assertThat(browser.findElement(By.id("reason")).getText()).contains("このリンクは差出人によって取り消されました");
        shot(browser, 390, "links-recipient-revoked-ja-phone");

        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys("auditor");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        browser.findElement(By.id("nav-incidents")).click();
        assertThat(browser.findElement(By.id("incidents")).getText()).contains("お見積書の送付 [browser]")
                .contains(PARTNER).contains("downloaded");
        shot(browser, 1400, "links-console-incidents");
        shot(browser, 390, "links-console-incidents-phone");
        browser.findElement(By.cssSelector("#incidents a.incident-link")).click();
        assertThat(browser.findElement(By.id("background")).getText()).isEqualTo("Sent to the wrong Suzuki.");
        assertThat(browser.findElements(By.id("close"))).as("an auditor cannot close").isEmpty();
        shot(browser, 1400, "links-console-incident");
        browser.findElement(By.id("sign-out")).click();
    }
}
