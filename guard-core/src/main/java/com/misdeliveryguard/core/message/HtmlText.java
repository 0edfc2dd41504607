package com.misdeliveryguard.core.message;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Renders the HTML of an HTML-only mail as plain text lines, roughly as a mail client shows it: block
 * elements and {@code <br>} break lines, {@code <hr>} becomes a separator line (Outlook puts one before the
 * quoted original), scripts and styles vanish. Quoted replies that HTML marks as such ({@code <blockquote>},
 * Gmail's {@code gmail_quote}, Outlook's {@code divRplyFwdMsg}) are dropped before rendering.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "center",
            "dd", "div", "dl", "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul");

    private HtmlText() {
    }

    static String render(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, template, noscript, blockquote, .gmail_quote, #divRplyFwdMsg").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new Renderer(out), document.body());
        return out.toString().replace('\u00a0', ' ');
    }

    private record Renderer(StringBuilder out) implements NodeVisitor {

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                boolean pre = node.parent() instanceof Element parent && parent.nameIs("pre");
                out.append(pre ? text.getWholeText() : text.text());
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (tag.equals("br")) {
                    out.append('\n');
                } else if (tag.equals("hr")) {
                    out.append("\n----------\n");
                } else if (tag.equals("td") || tag.equals("th")) {
                    out.append(' ');
                } else if (BLOCKS.contains(tag)) {
                    out.append('\n');
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                out.append('\n');
            }
        }
    }
}
