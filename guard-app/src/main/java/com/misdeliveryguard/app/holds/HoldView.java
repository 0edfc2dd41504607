package com.misdeliveryguard.app.holds;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.present.FindingWords;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A held message as the administrator sees it (page and JSON): the envelope recipients as the
 * sender's page shows them (the {@link RecipientCard} of what the verdict resolved), each with the findings about it.
 *
 * @param queueId    spool id
 * @param sender     envelope sender
 * @param subject    subject
 * @param state      hold state code
 * @param createdAt  when it was held (ISO-8601)
 * @param expiresAt  when it expires (ISO-8601)
 * @param expires    when it expires, as the reader reads times
 * @param recipients the envelope recipients
 * @param findings   findings about the whole message, in words
 * @param rules      ids of the rules that fired
 */
record HoldView(String queueId, String sender, String subject, String state, String createdAt, String expiresAt,
        String expires, List<Recipient> recipients, List<String> findings, List<String> rules) {

    /**
     * One envelope recipient.
     *
     * @param card        what the directory says (the card of the sender's page)
     * @param standingKey bundle key of how well the directory knows it
     * @param flagged     a finding names it
     * @param findings    the findings about it, in words
     */
    record Recipient(RecipientCard card, String standingKey, boolean flagged, List<String> findings) {
    }

    static HoldView of(HeldMessage hold, Locale locale, ZoneId zone) {
        Texts texts = Texts.of(locale, zone);
        List<MailAddress> flagged = hold.flaggedRecipients();
        return new HoldView(hold.queueId(), hold.sender().address().map(Object::toString).orElse("<>"),
                hold.subject(), hold.state().name().toLowerCase(Locale.ROOT), hold.times().createdAt().toString(),
                hold.times().expiresAt().toString(), texts.time(hold.times().expiresAt()),
                hold.recipients().stream().filter(HeldRecipient::inEnvelope).map(r -> recipient(r,
                        flagged.contains(r.mailAddress().orElseThrow()),
                        words(hold.findingsAbout(r.mailAddress().orElseThrow()), texts))).toList(),
                words(hold.generalFindings(), texts), hold.ruleIds());
    }

    /** The card the sender's page shows, from what the hold recorded (no second directory lookup). */
    private static Recipient recipient(HeldRecipient recipient, boolean flagged, List<String> findings) {
        RecipientCard card = RecipientCard.of(recipient);
        return new Recipient(card, card.standingKey(), flagged, findings);
    }

    private static List<String> words(List<Finding> findings, Texts texts) {
        return findings.stream().map(f -> FindingWords.sentence(f, texts)).toList();
    }
}
