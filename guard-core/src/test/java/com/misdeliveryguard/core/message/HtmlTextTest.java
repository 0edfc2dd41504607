package com.misdeliveryguard.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HTML rendered to the lines a reader sees. */
class HtmlTextTest {

    @Test
    void shouldBreakLinesAtBlocksAndBreaksAndDecodeEntities() {
        String text = HtmlText.render("<div>株式会社青葉商事<br>鈴木&nbsp;様</div><p>Tom &amp; Jerry</p><table><tr><td>a</td><td>b</td></tr></table>");

        assertThat(text.lines().map(String::strip).filter(line -> !line.isEmpty()))
                .containsExactly("株式会社青葉商事", "鈴木 様", "Tom & Jerry", "a b");
    }

    @Test
    void shouldDropScriptsStylesAndQuotedReplies() {
        String text = HtmlText.render("<style>p{}</style><p>mine</p><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Tue wrote:</div>"
                + "<blockquote>Contoso</blockquote></div><div id=\"divRplyFwdMsg\">From: Contoso</div><script>x()</script>");

        assertThat(text.strip()).isEqualTo("mine");
    }

    @Test
    void shouldTurnAHorizontalRuleIntoASeparatorLine() {
        assertThat(OpeningLines.of(HtmlText.render("<p>mine</p><hr><p>From: someone else</p>"))).isEqualTo("mine");
    }
}
