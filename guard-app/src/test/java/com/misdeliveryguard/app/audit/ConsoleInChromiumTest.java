package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import com.misdeliveryguard.core.audit.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * An auditor in a real (headless) Chromium: signs in, filters the messages to held mail for one
 * domain, opens a message's history (its summary first), exports CSV, and looks at the statistics. Screenshots of the list and
 * the statistics page are saved under {@code target/screenshots/}.
 */
class ConsoleInChromiumTest extends AuditApplicationTestBase {

    @Test
    void anAuditorSignsInFiltersOpensAHistoryExportsAndSeesStatistics() throws Exception {
        String held = send("tanaka@example.co.jp", "sato@aoba-shoj1.co.jp", "[hold] お見積りの件", "x");
        String other = send("suzuki@example.co.jp", "kato@aoba-shoj1.co.jp", "[hold] 請求書", "x");
        send("suzuki@example.co.jp", "ok@example.org", "議事録", "x");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queries.history(other).size() >= 2);
        decisionLog.append(Events.confirmed(held, "tanaka@example.co.jp", "sato@aoba-shoj1.co.jp", 3, "営業部"));
        decisionLog.append(Events.cancelled(other, "suzuki@example.co.jp", "kato@aoba-shoj1.co.jp", 95, "経理部"));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            String base = "http://127.0.0.1:" + webPort;
            browser.get(base + "/audit");
            assertThat(browser.getCurrentUrl()).endsWith("/login");
            browser.findElement(By.id("username")).sendKeys("auditor");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            chromium.awaitUrlContaining("/audit");
            assertThat(browser.getCurrentUrl()).contains("/audit").doesNotContain("login");
            browser.get(base + "/audit?lang=ja");

            browser.findElement(By.id("recipient")).sendKeys("@aoba-shoj1.co.jp");
            new Select(browser.findElement(By.id("outcome"))).selectByValue("hold");
            browser.findElement(By.id("apply-filter")).click();
            chromium.awaitUrlContaining("outcome=hold");
            String table = browser.findElement(By.id("messages")).getText();
            assertThat(table).contains("お見積りの件").contains("請求書").contains("アドレス帳にない宛先")
                    .doesNotContain("ok@example.org").doesNotContain("議事録");
            chromium.screenshot("audit-list");

            browser.findElement(By.partialLinkText("お見積りの件")).click();
            chromium.awaitUrlContaining("/audit/messages/");
            assertThat(browser.findElement(By.id("queue-id")).getText()).isEqualTo(held);
            assertThat(browser.findElement(By.id("summary")).getText()).contains("お見積りの件")
                    .contains("sato@aoba-shoj1.co.jp").contains("送信者が確認");
            assertThat(browser.findElement(By.id("history")).getText()).contains("受信").contains("判定")
                    .contains("確認して送信").contains("お見積りの件");
            chromium.screenshot("audit-history");

            browser.navigate().back();
            chromium.awaitUrlContaining("outcome=hold");
            browser.findElement(By.id("export-csv")).click();
            Path csv = chromium.awaitDownload(".csv", Duration.ofSeconds(20));
            byte[] bytes = Files.readAllBytes(csv);
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains(held).contains(other);

            browser.findElement(By.id("nav-statistics")).click();
            chromium.awaitUrlContaining("/audit/statistics");
            assertThat(browser.findElement(By.id("held-count")).getText()).isNotEqualTo("0");
            assertThat(browser.findElement(By.id("chart-rules")).getText()).contains("アドレス帳にない宛先");
            assertThat(browser.findElement(By.id("chart-departments")).getText()).contains("営業部").contains("中央値 3 秒")
                    .contains("形骸化の疑い");
            assertThat(browser.findElements(By.cssSelector("svg.chart"))).hasSize(6);
            Path statistics = chromium.screenshot("audit-statistics");
            assertThat(statistics).isRegularFile();

            browser.findElement(By.id("nav-verify")).click();
            chromium.awaitUrlContaining("/audit/verify");
            assertThat(browser.findElement(By.id("verdict")).getText()).startsWith("intact");
            chromium.screenshot("audit-verify");
        }
        assertThat(queries.page(AuditFilter.none(), java.util.Optional.empty(), java.util.Optional.empty(), 200)
                .entries()).extracting(LogEntry::details).anyMatch(d -> d.contains("\"view\":\"export-csv\""))
                .anyMatch(d -> d.contains("\"view\":\"history\"")).anyMatch(d -> d.contains("\"view\":\"statistics\""));
    }
}
