package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Issue 11 in a real (headless) Chromium with the real rules: the sender acts on what the page found —
 * sends to the suggested directory address instead (the upstream gets the corrected envelope and To
 * header, every other byte as submitted), sends the external recipients as Bcc (no outside address left in
 * To/Cc, the envelope unchanged) — and a look-alike the sender confirmed once is held again the next
 * time, with the page saying so. Screenshots (ja/en, desktop and phone) go to {@code target/screenshots/}.
 */
class SenderActsOnTheFindingsInChromiumTest extends RealRulesTestBase {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    private WebDriver open(String subject, String lang) {
        Mailbox.Notice notice = awaitNotice(subject);
        WebDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(local(notice.link().orElseThrow()) + "?lang=" + lang);
        return browser;
    }

    private static void shot(WebDriver browser, int width, String name) {
        browser.manage().window().setSize(new Dimension(width, 800));
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 6000)));
        chromium.screenshot(name);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** The submitted bytes with one header line replaced (or removed when {@code now} is empty). */
    private static byte[] withHeader(Submission m, String was, String now) {
        String text = new String(m.bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(was);
        return text.replace(was, now).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendsToTheSuggestedDirectoryAddressInsteadRewritingOnlyTheToAddress() throws Exception {
        Submission m = message("お見積りの件（ドメイン違い）", "株式会社あおば商事\r\n田中様")
                .to("田中 一郎", ICHIRO_LOOKALIKE).cc("加藤 次郎", COLLEAGUE);
        String id = submit(m);
        WebDriver mail = chromium.driver();
        String html = Mailbox.htmlOf(awaitNotice("お見積りの件（ドメイン違い）").raw());
        mail.get("data:text/html;charset=utf-8;base64,"
                + java.util.Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(mail.findElement(By.tagName("body")).getText()).contains("よく似た別のドメイン")
                .contains("田中 一郎 <" + ICHIRO_LOOKALIKE + ">").contains("確認ページを開く")
                .contains("Open the confirmation page");
        shot(mail, 390, "issue11-notification-html-phone");
        WebDriver browser = open("お見積りの件（ドメイン違い）", "ja");

        String row = browser.findElement(By.id("confirm-form")).getText();
        assertThat(row).contains("よく似た別のドメイン").contains("もしかして aoba-shoji.co.jp ですか？")
                .contains("代わりに 田中 一郎 <" + ICHIRO + "> に送信する").doesNotContain("lookalike-domain");
        assertThat(row.indexOf("よく似た別のドメイン")).as("the look-alike first").isLessThan(row.indexOf("アドレス帳にない宛先"));
        assertThat(browser.getPageSource().split("もしかして aoba-shoji.co.jp ですか？", -1)).as("said once").hasSize(2);
        assertThat(browser.findElements(By.id("directory-requests"))).as("no directory request for a look-alike")
                .isEmpty();
        assertThat(browser.findElement(By.id("send")).isEnabled()).isFalse();
        shot(browser, 1400, "issue11-suggestion-ja");
        shot(browser, 390, "issue11-suggestion-ja-phone");
        browser.get(browser.getCurrentUrl().replace("lang=ja", "lang=en"));
        assertThat(browser.findElement(By.id("confirm-form")).getText()).contains("Look-alike of a known domain")
                .contains("Send to 田中 一郎 <" + ICHIRO + "> instead");
        shot(browser, 1400, "issue11-suggestion-en");
        shot(browser, 390, "issue11-suggestion-en-phone");

        browser.findElement(ConfirmInChromiumTest.pick(ICHIRO_LOOKALIKE, "instead")).click();
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("sent-to")).getText()).contains("田中 一郎 <" + ICHIRO + ">")
                .contains(ICHIRO_LOOKALIKE).contains("加藤 次郎 <" + COLLEAGUE + ">");
        shot(browser, 1400, "issue11-suggestion-sent-en");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        SmtpSink.Transaction delivered = deliveriesOf(m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + ICHIRO + ">", "<" + COLLEAGUE + ">");
        assertThat(SendAfterConfirmationTest.afterTraceHeader(delivered.data())).isEqualTo(withHeader(m,
                "<" + ICHIRO_LOOKALIKE + ">\r\n", "<" + ICHIRO + ">\r\n"));
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.RELEASED);
        assertThat(logDetails(id, "confirmed")).singleElement().asString()
                .contains("\"sentInstead\":\"" + ICHIRO_LOOKALIKE + " -> " + ICHIRO + "\"")
                .contains("\"by\":").contains("HeadlessChrome");
    }

    @Test
    void sendsTheExternalRecipientsAsBccKeepingTheEnvelope() throws Exception {
        Submission m = message("打ち合わせのご案内", "関係者各位")
                .to("鈴木 花子", SUZUKI).cc("近藤 修", KONDO).bcc(COLLEAGUE);
        String id = submit(m);
        WebDriver browser = open("打ち合わせのご案内", "ja");
        assertThat(browser.findElement(By.id("general-findings")).getText()).contains("複数の社外組織が同じ宛先欄に");
        for (String r : new String[] {SUZUKI, KONDO, COLLEAGUE}) {
            browser.findElement(ConfirmInChromiumTest.pick(r, "send")).click();
        }
        shot(browser, 1400, "issue11-bcc-ja");
        shot(browser, 390, "issue11-bcc-ja-phone");
        browser.findElement(By.id("send-bcc")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("sent-to")).getText()).contains("鈴木 花子 <" + SUZUKI + ">（Bcc として）");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        SmtpSink.Transaction delivered = deliveriesOf(m).get(0);
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + SUZUKI + ">", "<" + KONDO + ">",
                "<" + COLLEAGUE + ">");
        String to = "To: " + Submission.word("鈴木 花子") + " <" + SUZUKI + ">\r\n";
        String cc = "Cc: " + Submission.word("近藤 修") + " <" + KONDO + ">\r\n";
        byte[] expected = new String(withHeader(m, to, "To: undisclosed-recipients:;\r\n"), StandardCharsets.UTF_8)
                .replace(cc, "").getBytes(StandardCharsets.UTF_8);
        assertThat(SendAfterConfirmationTest.afterTraceHeader(delivered.data())).isEqualTo(expected);
        assertThat(delivered.dataAsString()).doesNotContain("<" + SUZUKI + ">").doesNotContain("<" + KONDO + ">");
        assertThat(logDetails(id, "confirmed")).singleElement().asString().contains("\"sentAsBcc\":");
    }

    @Test
    void aLookalikeTheSenderConfirmedOnceIsHeldAgainAndThePageSaysSo() throws Exception {
        Submission first = message("資料送付（1回目）", "株式会社あおば商事\r\n田中様").to("田中 一郎", ICHIRO_LOOKALIKE);
        submit(first);
        WebDriver browser = open("資料送付（1回目）", "ja");
        browser.findElement(ConfirmInChromiumTest.pick(ICHIRO_LOOKALIKE, "send")).click();
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(first).size() == 1);
        assertThat(deliveriesOf(first).get(0).recipients()).containsExactly("<" + ICHIRO_LOOKALIKE + ">");

        Submission again = message("資料送付（2回目）", "株式会社あおば商事\r\n田中様").to("田中 一郎", ICHIRO_LOOKALIKE);
        String id = submit(again);
        WebDriver page = open("資料送付（2回目）", "ja");
        assertThat(hold(id).state()).isEqualTo(HoldState.HELD);
        assertThat(page.findElement(By.id("confirm-form")).getText()).contains("以前にも送信した宛先ですが")
                .contains("よく似た別のドメイン");
        shot(page, 1400, "issue11-lookalike-again-ja");
        page.get(page.getCurrentUrl().replace("lang=ja", "lang=en"));
        assertThat(page.findElement(By.id("confirm-form")).getText())
                .contains("You sent here before, but it still resembles aoba-shoji.co.jp.");
        shot(page, 390, "issue11-lookalike-again-en-phone");
        assertThat(deliveriesOf(again)).isEmpty();
    }
}
