package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A sender in a real (headless) Chromium: a misdelivery submitted over SMTP is held, the
 * notification arrives at the upstream, the link opens the page, which shows every recipient with
 * name, organization and department and the findings; Send stays disabled until the flagged
 * recipient is decided. Sending delivers the submitted bytes; unticking delivers to the others
 * only; Cancel delivers nothing. Screenshots (Japanese, English, phone width) go to
 * {@code target/screenshots/}.
 */
class ConfirmInChromiumTest extends ConfirmTestBase {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    private WebDriver open(Submission m, String id) throws Exception {
        Mailbox.Notice notice = awaitNotice(SENDER, m.subject());
        assertThat(hold(id).state()).isEqualTo(HoldState.HELD);
        WebDriver browser = chromium.driver();
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.get(local(notice.link().orElseThrow()));
        return browser;
    }

    /** A screenshot of the whole page at {@code width} pixels (the window grows to the page's height). */
    private static void shot(WebDriver browser, int width, String name) {
        browser.manage().window().setSize(new Dimension(width, 800));
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 6000)));
        chromium.screenshot(name);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    /** A flagged row's one choice: {@code send}, {@code skip} or {@code instead}. */
    static By pick(String address, String choice) {
        return By.cssSelector("input[name='pick:" + address + "'][value=" + choice + "]");
    }

    private static Submission misdelivery(String subject) {
        return message(subject).to("佐藤 一郎", LOOKALIKE).cc("鈴木 花子", PARTNER).bcc(COLLEAGUE);
    }

    @Test
    void senderSeesNamesAffiliationsAndFindingsTicksAndSends() throws Exception {
        Submission m = misdelivery("【社外】お見積りの件");
        String id = submit(m, false);
        WebDriver browser = open(m, id);

        assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo("【社外】お見積りの件");
        String recipients = browser.findElement(By.id("confirm-form")).getText();
        assertThat(recipients).contains(LOOKALIKE).contains("佐藤 一郎").contains("宛先のドメインが既知のドメインに似ています。")
                .contains("もしかして aoba-shoji.co.jp ですか？").contains("アドレス帳に未登録")
                .contains("鈴木 花子").contains("みどり銀行 / 法人営業部")
                .contains("加藤 次郎").contains("エグザンプル株式会社 / 経理部").contains("社内").contains("社外")
                .contains("To").contains("Cc").contains("Bcc");
        assertThat(browser.findElement(By.id("attachments")).getText()).contains("見積書_あおば商事.pdf");
        assertThat(browser.findElement(By.id("opening-lines")).getText()).contains("佐藤様");
        assertThat(browser.findElement(By.id("envelope-differs")).getText()).contains(COLLEAGUE);

        WebElement send = browser.findElement(By.id("send"));
        WebElement flagged = browser.findElement(pick(LOOKALIKE, "send"));
        assertThat(flagged.isSelected()).isFalse();
        assertThat(browser.findElement(By.cssSelector("input[name=confirm][value='" + PARTNER + "']")).isSelected()).isTrue();
        assertThat(send.isEnabled()).as("Send disabled until the flagged recipient is decided").isFalse();
        shot(browser, 1400, "confirm-page-ja");

        browser.findElement(By.id("lang-switch")).click();
        chromium.awaitUrlContaining("lang=en");
        assertThat(browser.findElement(By.id("confirm-form")).getText()).contains("Did you mean aoba-shoji.co.jp?")
                .contains("Not in the directory").contains("External").contains("Internal");
        shot(browser, 1400, "confirm-page-en");
        shot(browser, 390, "confirm-page-en-phone");
        browser.get(browser.getCurrentUrl().replace("lang=en", "lang=ja"));
        shot(browser, 390, "confirm-page-ja-phone");
        browser.get(browser.getCurrentUrl().replace("lang=ja", "lang=en"));
        browser.manage().window().setSize(new Dimension(1400, 1000));

        browser.findElement(pick(LOOKALIKE, "send")).click();
        assertThat(browser.findElement(By.id("send")).isEnabled()).isTrue();
        browser.findElement(By.id("send")).click();
        chromium.awaitUrlContaining("lang=en");
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Sent to the confirmed recipients.");
        shot(browser, 1400, "confirm-outcome-en");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        SmtpSink.Transaction delivered = deliveriesOf(m).get(0);
        assertThat(delivered.mailFrom()).isEqualTo("<" + SENDER + ">");
        assertThat(delivered.recipients()).containsExactlyInAnyOrder("<" + LOOKALIKE + ">", "<" + PARTNER + ">",
                "<" + COLLEAGUE + ">");
        assertThat(SendAfterConfirmationTest.afterTraceHeader(delivered.data())).isEqualTo(m.bytes());
        assertThat(logOf(id)).containsSubsequence("received", "verdict", "notified", "confirmed");
        assertThat(logDetails(id, "confirmed")).contains("HeadlessChrome").contains("\"ip\":\"127.0.0.1\"")
                .contains("secondsToDecide").contains("possiblyAutomated");

        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Sent to the confirmed recipients.");
        assertThat(deliveriesOf(m)).hasSize(1);
    }

    @Test
    void untickingOneRecipientDeliversToTheOthersOnly() throws Exception {
        Submission m = misdelivery("議事録の送付");
        String id = submit(m, false);
        WebDriver browser = open(m, id);

        browser.findElement(pick(LOOKALIKE, "send")).click();
        browser.findElement(By.cssSelector("input[name=confirm][value='" + PARTNER + "']")).click();
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("確認した宛先にだけ送信しました。");
        assertThat(browser.findElement(By.id("not-sent")).getText()).contains(PARTNER);
        shot(browser, 1400, "confirm-outcome-partial-ja");

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(deliveriesOf(m).get(0).recipients()).containsExactlyInAnyOrder("<" + LOOKALIKE + ">",
                "<" + COLLEAGUE + ">");
        assertThat(holds.find(id).orElseThrow().recipients()).filteredOn(r -> r.address().equals(PARTNER))
                .extracting(HeldRecipient::decision).containsExactly(java.util.Optional.of(
                        HeldRecipient.RecipientDecision.DROPPED));
        assertThat(logOf(id)).contains("partially-confirmed");
        assertThat(logDetails(id, "partially-confirmed")).contains("\"dropped\":[\"" + PARTNER + "\"]");
    }

    @Test
    void excludingTheFlaggedRecipientSendsToTheRest() throws Exception {
        Submission m = misdelivery("請求書の件");
        String id = submit(m, false);
        WebDriver browser = open(m, id);

        browser.findElement(pick(LOOKALIKE, "skip")).click();
        assertThat(browser.findElement(By.id("send")).isEnabled()).isTrue();
        browser.findElement(By.id("send")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesOf(m).size() == 1);
        assertThat(deliveriesOf(m).get(0).recipients()).containsExactlyInAnyOrder("<" + PARTNER + ">",
                "<" + COLLEAGUE + ">");
    }

    @Test
    void cancelDiscardsAndNothingIsDelivered() throws Exception {
        Submission m = misdelivery("取り消すメール");
        String id = submit(m, false);
        WebDriver browser = open(m, id);

        browser.findElement(By.id("cancel")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("cancel-recipients")).isEmpty());
        assertThat(browser.findElement(By.id("cancel-recipients")).getText()).contains("鈴木 花子 <" + PARTNER + ">")
                .contains(LOOKALIKE);
        assertThat(holds.find(id).orElseThrow().state()).as("the first step changes nothing").isEqualTo(HoldState.HELD);
        shot(browser, 390, "issue11-cancel-step-ja-phone");
        browser.findElement(By.id("cancel-confirm")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("outcome")).isEmpty());
        assertThat(browser.findElement(By.id("outcome")).getText()).startsWith("送信を取り消しました。");
        assertThat(holds.find(id).orElseThrow().state()).isEqualTo(HoldState.CANCELLED);
        assertThat(inHoldQueue(id)).isFalse();
        Thread.sleep(500);
        assertThat(deliveriesOf(m)).isEmpty();
        assertThat(logOf(id)).contains("cancelled");
    }
}
