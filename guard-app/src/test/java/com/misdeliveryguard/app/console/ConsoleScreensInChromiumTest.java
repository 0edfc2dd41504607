package com.misdeliveryguard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium, in Japanese and English, at desktop and phone size: the
 * message list with subjects and organizations, a history starting with its summary, an
 * administrator releasing one recipient of a hold (GreenMail gets exactly that recipient), the
 * statistics with the open holds, and the address book browsed by organization. On a phone no page is wider than the screen. Screenshots go to
 * {@code target/screenshots/console-*.png} (a representative set is kept in {@code docs/screenshots/}).
 */
class ConsoleScreensInChromiumTest extends ConsoleTestBase {

    private static final Dimension DESKTOP = new Dimension(1400, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);

    @Test
    void anAdministratorReadsMessagesAndHistoriesReleasesOneRecipientAndSeesOpenHolds() throws Exception {
        String delivered = sendAsTanaka("議事録の送付", SATO);
        String twoOrgs = sendAsTanaka("新製品発表会のご案内", SATO, SUZUKI);
        String stranger = sendAsTanaka("お見積書の件", STRANGER_AT_AOBA);
        awaitHold(twoOrgs);
        awaitHold(stranger);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> messages.find(delivered).orElseThrow()
                .delivered() == 1);

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get(base() + "/audit");
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            chromium.awaitUrlContaining("/audit");

            browser.get(base() + "/audit?lang=ja");
            String list = browser.findElement(By.id("messages")).getText();
            assertThat(list).contains("議事録の送付", "新製品発表会のご案内", "お見積書の件", "株式会社あおば商事", "みどり銀行",
                    "田中 太郎", "複数の社外組織", "保留中（確認待ち）", "配送済み");
            chromium.screenshot("console-messages-ja-desktop");
            browser.get(base() + "/audit?lang=en");
            assertThat(browser.findElement(By.id("messages")).getText()).contains("Several outside organizations",
                    "Held, waiting for confirmation", "Delivered");
            assertThat(browser.findElement(By.id("nav-messages")).getText()).isEqualTo("Messages");
            chromium.screenshot("console-messages-en-desktop");
            phone(chromium, "/audit?lang=ja", "console-messages-ja-phone");
            phone(chromium, "/audit?lang=en", "console-messages-en-phone");

            browser.manage().window().setSize(DESKTOP);
            browser.get(base() + "/audit?lang=en");
            browser.findElement(By.cssSelector("tr[data-queue-id='" + twoOrgs + "'] a.history")).click();
            chromium.awaitUrlContaining("/audit/messages/" + twoOrgs);
            assertThat(browser.findElement(By.id("summary")).getText()).contains("新製品発表会のご案内", "佐藤 一郎",
                    "株式会社あおば商事", "鈴木 花子", "みどり銀行", "Several outside organizations");
            assertThat(browser.findElement(By.id("history")).getText()).contains("verdict").contains("the guard's mail");
            chromium.screenshot("console-history-en-desktop");
            phone(chromium, "/audit/messages/" + twoOrgs + "?lang=ja", "console-history-ja-phone");

            browser.manage().window().setSize(DESKTOP);
            browser.get(base() + "/admin/holds?lang=ja");
            WebElement hold = browser.findElement(By.id("hold-" + twoOrgs));
            assertThat(hold.getText()).contains("佐藤 一郎", "鈴木 花子", "みどり銀行", "アドレス帳の連絡先");
            WebElement suzuki = hold.findElement(By.cssSelector("input[name=recipient][value='" + SUZUKI + "']"));
            WebElement sato = hold.findElement(By.cssSelector("input[name=recipient][value='" + SATO + "']"));
            if (suzuki.isSelected()) {
                suzuki.click();
            }
            if (!sato.isSelected()) {
                sato.click();
            }
            hold.findElement(By.cssSelector("form.release input.reason")).sendKeys("佐藤様のみ宛先と確認");
            chromium.screenshot("console-holds-ja-desktop");
            phone(chromium, "/admin/holds?lang=en", "console-holds-en-phone");
            browser.manage().window().setSize(DESKTOP);
            browser.get(base() + "/admin/holds?lang=ja");
            hold = browser.findElement(By.id("hold-" + twoOrgs));
            suzuki = hold.findElement(By.cssSelector("input[name=recipient][value='" + SUZUKI + "']"));
            sato = hold.findElement(By.cssSelector("input[name=recipient][value='" + SATO + "']"));
            if (suzuki.isSelected()) {
                suzuki.click();
            }
            if (!sato.isSelected()) {
                sato.click();
            }
            hold.findElement(By.cssSelector("form.release input.reason")).sendKeys("佐藤様のみ宛先と確認");
            hold.findElement(By.cssSelector("form.release button.release-button")).click();
            chromium.awaitUrlContaining("done=released");
            assertThat(browser.findElement(By.id("holds-outcome")).getText()).contains("送信しました");
            assertThat(browser.findElements(By.id("hold-" + twoOrgs))).isEmpty();
            chromium.screenshot("console-holds-released-ja-desktop");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inbox(SATO).contains("新製品発表会のご案内"));
            assertThat(inbox(SATO)).containsOnlyOnce("新製品発表会のご案内");
            assertThat(inbox(SUZUKI)).doesNotContain("新製品発表会のご案内");

            browser.get(base() + "/audit/statistics?lang=ja");
            assertThat(Long.parseLong(browser.findElement(By.id("open-count")).getText())).isGreaterThanOrEqualTo(1);
            assertThat(browser.findElement(By.id("chart-rules")).getText()).contains("複数の社外組織");
            assertThat(browser.findElement(By.id("chart-decisions")).getText()).as("the outcomes add up to the holds")
                    .contains("確認待ちのまま").contains("管理者が送信");
            chromium.screenshot("console-statistics-ja-desktop");
            phone(chromium, "/audit/statistics?lang=en", "console-statistics-en-phone");
            browser.manage().window().setSize(DESKTOP);
            browser.get(base() + "/admin/directory?lang=ja&sort=contacts");
            assertThat(browser.findElement(By.id("organizations")).getText()).contains("株式会社あおば商事", "みどり銀行",
                    "aoba-shoji.co.jp");
            browser.findElement(By.linkText("株式会社あおば商事")).click();
            chromium.awaitUrlContaining("/admin/directory/organizations/");
            browser.findElement(By.id("sort-department")).click();
            chromium.awaitUrlContaining("sort=department");
            assertThat(browser.findElement(By.id("contacts")).getText()).contains("佐藤 一郎", "武田 三郎", "購買部")
                    .doesNotContain("鈴木 花子");
            chromium.screenshot("console-directory-organization-ja-desktop");
            browser.findElement(By.linkText("佐藤 一郎")).click();
            chromium.awaitUrlContaining("/admin/directory/contacts/");
            assertThat(browser.findElement(By.id("contact")).getText()).contains(SATO, "株式会社あおば商事", "営業部");
            phone(chromium, "/admin/directory?lang=en", "console-directory-en-phone");
            phone(chromium, "/audit/events?lang=ja", "console-events-ja-phone");
            phone(chromium, "/audit/verify?lang=ja", "console-verify-ja-phone");
        }
    }

    /** Opens {@code path} at phone size, checks that nothing is wider than the screen, and shoots it. */
    private void phone(HeadlessChromium chromium, String path, String name) {
        WebDriver browser = chromium.driver();
        browser.manage().window().setSize(PHONE);
        browser.get(base() + path);
        Object widths = ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        Object wide = ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-3)"
                + ".map(e => e.tagName + '.' + e.className + '#' + e.id).join(' ');");
        assertThat(widths.toString()).as(path + " fits the phone (scrollWidth, innerWidth); too wide: " + wide)
                .satisfies(w -> {
                    String[] parts = w.replaceAll("[\\[\\] ]", "").split(",");
                    assertThat(Long.parseLong(parts[0])).isLessThanOrEqualTo(Long.parseLong(parts[1]));
                });
        chromium.screenshot(name);
    }
}
