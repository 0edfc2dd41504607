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

/**
 * The plain-text body of a notification in one language: what happened, the message (subject,
 * sender, attachments), every recipient with name, organization and department and the findings
 * about it in plain words, and the link. Everything taken from the message goes through
 * {@link PlainText} first.
 */
final class NotificationBody {

    String write(Texts t, NotificationKind kind, HeldMessage hold, Optional<String> link, List<String> approvers) {
        StringBuilder out = new StringBuilder();
        String prefix = "mail." + kind.key() + ".";
        Instant when = hold.times().deliverAt().orElse(hold.times().expiresAt());
        out.append(t.get(prefix + "intro", t.time(when), String.join(", ", approvers))).append("\n\n");
        out.append(t.get("mail.subject", PlainText.line(hold.subject(), 200))).append('\n');
        out.append(t.get("mail.sender", hold.sender().address().map(Object::toString).orElse("<>"))).append('\n');
        if (!hold.attachmentNames().isEmpty()) {
            out.append(t.get("mail.attachments", String.join(", ", hold.attachmentNames().stream()
                    .map(n -> PlainText.line(n, 120)).toList()))).append('\n');
        }
        out.append('\n').append(t.get("mail.recipients")).append('\n');
        for (HeldRecipient r : hold.recipients()) {
            if (r.inEnvelope()) {
                recipient(out, t, hold, r);
            }
        }
        List<Finding> general = hold.generalFindings();
        if (!general.isEmpty()) {
            out.append('\n').append(t.get("mail.general")).append('\n');
            general.forEach(f -> out.append("   ! ").append(FindingWords.sentence(f, t)).append('\n'));
        }
        out.append('\n');
        if (link.isPresent()) {
            out.append(t.get(prefix + "action")).append('\n').append(link.get()).append("\n\n");
            out.append(t.get("mail.expires", t.time(hold.times().expiresAt()))).append('\n');
        } else {
            out.append(t.get(prefix + "action")).append('\n');
        }
        return out.toString();
    }

    private static void recipient(StringBuilder out, Texts t, HeldMessage hold, HeldRecipient r) {
        RecipientCard card = RecipientCard.of(r);
        out.append(" - ").append(r.role().label()).append(": ");
        String shown = PlainText.line(r.displayName(), 100);
        out.append(shown.isEmpty() ? "" : shown + " ").append('<').append(card.address()).append('>');
        card.unicodeDomain().ifPresent(u -> out.append(" (").append(u).append(')'));
        out.append('\n').append("     ");
        if (!card.unknownPerson()) {
            out.append(card.name().map(n -> PlainText.line(n, 100)).orElse(t.get("card.noName")));
            if (!card.affiliation().isEmpty()) {
                out.append(" / ").append(PlainText.line(card.affiliation(), 200));
            }
        } else {
            out.append(t.get(card.standingKey()));
            card.organization().ifPresent(o -> out.append(" (").append(PlainText.line(o, 100)).append(')'));
        }
        out.append(" [").append(t.get(card.internal() ? "badge.internal" : "badge.external")).append("]\n");
        for (Finding f : hold.findingsAbout(r.mailAddress().orElseThrow())) {
            out.append("     ! ").append(FindingWords.sentence(f, t)).append('\n');
        }
    }
}
