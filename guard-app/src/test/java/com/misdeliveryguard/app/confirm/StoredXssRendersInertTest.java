package com.misdeliveryguard.app.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.app.browser.HeadlessChromium;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Stored XSS: a sender's subject, the display names of recipients and an attachment's file name
 * are attacker-controlled text. On the page they appear as text — escaped in the HTML, no element
 * created, no script run (checked in a real Chromium, whose CSP would also block inline script).
 */
class StoredXssRendersInertTest extends ConfirmTestBase {

    static final String SUBJECT = "<script>alert('subject')</script> XSS試験";
    static final String NAME = "<img src=x onerror=alert('name')>";
    static final String FILE = "<svg onload=alert('file')>.pdf";

    @Test
    void scriptInSubjectNamesAndAttachmentNamesIsShownAsText() throws Exception {
        Submission m = message(SUBJECT).to(NAME, LOOKALIKE).cc("\"><b id=injected>x</b>", PARTNER).attachment(FILE);
        submit(m, false);
        Mailbox.Notice notice = awaitNotice(SENDER, "XSS試験");
        assertThat(notice.subject()).contains("<script>alert('subject')</script>");
        String link = local(notice.link().orElseThrow());

        HttpResponse<String> page = client().get(link);
        assertThat(page.body()).contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(&#39;name&#39;)&gt;").contains("&lt;svg onload=alert(&#39;file&#39;)&gt;.pdf")
                .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<svg")
                .doesNotContain("<b id=injected>");

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get(link);
            Thread.sleep(300);
            assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            assertThat(browser.findElement(By.id("subject")).getText()).isEqualTo(SUBJECT);
            assertThat(browser.findElement(By.id("attachments")).getText()).contains(FILE);
            assertThat(browser.findElement(By.id("confirm-form")).getText()).contains(NAME);
            assertThat(browser.findElements(By.cssSelector("img, svg, #injected"))).isEmpty();
            assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
            chromium.screenshot("confirm-page-xss-inert");
        }
    }
}
