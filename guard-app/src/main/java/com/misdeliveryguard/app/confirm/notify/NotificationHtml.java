package com.misdeliveryguard.app.confirm.notify;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.present.FindingWords;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.guard.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML part of a notification: the same facts as the text part, as recipient cards (name,
 * organization and department, internal/external, the findings about each — the strongest first),
 * and one button to the page. Inline styles only (mail clients drop style sheets), no images, no
 * scripts; every value from the message or the directory is cleaned ({@link PlainText}) and escaped.
 */
final class NotificationHtml {

    String write(Texts t, NotificationKind kind, HeldMessage hold, Optional<String> link, List<String> approvers) {
        StringBuilder out = new StringBuilder(4096);
        String prefix = "mail." + kind.key() + ".";
        Instant when = hold.times().deliverAt().orElse(hold.times().expiresAt());
        out.append("<div lang=\"").append(t.lang()).append("\" style=\"font-family:sans-serif;max-width:40em;")
                .append("line-height:1.6;color:#1d2733\">");
        out.append("<p>").append(esc(t.get(prefix + "intro", t.time(when), String.join(", ", approvers)))).append("</p>");
        out.append("<p><b>").append(esc(t.get("mail.subject", PlainText.line(hold.subject(), 200)))).append("</b></p>");
        for (HeldRecipient r : hold.recipients()) {
            if (r.inEnvelope()) {
                card(out, t, hold, r);
            }
        }
        List<Finding> general = FindingWords.bySeverity(hold.generalFindings());
        for (Finding f : general) {
            out.append("<p style=\"border-left:4px solid #9a5b00;padding:4px 8px;background:#fff4e5\"><b>")
                    .append(esc(FindingWords.title(f, t))).append("</b><br>").append(esc(FindingWords.sentence(f, t)))
                    .append("</p>");
        }
        if (link.isPresent()) {
            out.append("<p><a href=\"").append(esc(link.get())).append("\" style=\"display:inline-block;")
                    .append("background:#0b5cad;color:#ffffff;padding:10px 20px;border-radius:6px;")
                    .append("text-decoration:none;font-weight:bold\">").append(esc(t.get("mail.button")))
                    .append("</a></p>");
            out.append("<p style=\"color:#5b6675\">").append(esc(t.get("mail.expires", t.time(hold.times().expiresAt()))))
                    .append("</p>");
        } else {
            out.append("<p>").append(esc(t.get(prefix + "action"))).append("</p>");
        }
        return out.append("</div>").toString();
    }

    private static void card(StringBuilder out, Texts t, HeldMessage hold, HeldRecipient r) {
        RecipientCard card = RecipientCard.of(r);
        List<Finding> findings = FindingWords.bySeverity(hold.findingsAbout(r.mailAddress().orElseThrow()));
        String edge = findings.isEmpty() ? "#d8dee6" : "#b3261e";
        out.append("<div style=\"border:1px solid #d8dee6;border-left:4px solid ").append(edge)
                .append(";border-radius:6px;padding:8px 12px;margin:8px 0\">");
        out.append("<div><span style=\"color:#5b6675\">").append(esc(r.role().label())).append("</span> <b>")
                .append(esc(card.name().map(n -> PlainText.line(n, 100)).orElse(t.get(card.standingKey()))))
                .append("</b> <span style=\"font-size:90%;color:").append(card.internal() ? "#1e7b34" : "#b3261e")
                .append("\">[").append(esc(t.get(card.internal() ? "badge.internal" : "badge.external")))
                .append("]</span></div>");
        if (!card.affiliation().isEmpty()) {
            out.append("<div>").append(esc(PlainText.line(card.affiliation(), 200))).append("</div>");
        }
        String shown = PlainText.line(r.displayName(), 100);
        out.append("<div style=\"font-family:monospace\">")
                .append(esc((shown.isEmpty() ? "" : shown + " ") + "<" + card.address() + ">"))
                .append(card.unicodeDomain().map(u -> " (" + esc(u) + ")").orElse("")).append("</div>");
        for (Finding f : findings) {
            out.append("<div style=\"color:#b3261e\"><b>").append(esc(FindingWords.title(f, t))).append("</b>: ")
                    .append(esc(FindingWords.sentence(f, t))).append("</div>");
        }
        out.append("</div>");
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
