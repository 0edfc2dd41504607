package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.RecipientChange;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.present.Suggestion;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.List;

/**
 * What the page shows after a decision, and to anyone who opens a used link again. Recipients are
 * named as the verdict resolved them ("田中 一郎 &lt;tanaka@aoba-shoji.co.jp&gt;"); a recipient the sender
 * sent to the suggested address instead, or as Bcc, says so.
 *
 * @param outcome  the outcome in words
 * @param subject  the subject
 * @param sentTo   recipients the message was (or will be) delivered to
 * @param notSent  recipients it was not delivered to
 * @param decided  when and by whom, in words; empty while nobody decided
 */
record OutcomeView(String outcome, String subject, List<String> sentTo, List<String> notSent, String decided) {

    static OutcomeView of(HeldMessage hold, Texts t) {
        String outcome = hold.outcome().map(o -> t.get("outcome." + o)).orElse(t.get("state." + hold.state().name()));
        List<HeldRecipient> envelope = hold.recipients().stream().filter(HeldRecipient::inEnvelope).toList();
        boolean decidedPerRecipient = envelope.stream().anyMatch(r -> r.decision().isPresent());
        boolean delivered = hold.state() == HoldState.RELEASED || hold.state() == HoldState.AWAITING_APPROVAL
                || "expired-delivered".equals(hold.outcome().orElse(""));
        List<HeldRecipient> sent = !delivered ? List.of() : envelope.stream()
                .filter(r -> !decidedPerRecipient || r.decision()
                        .filter(d -> d == HeldRecipient.RecipientDecision.CONFIRMED).isPresent())
                .toList();
        List<String> notSent = envelope.stream().filter(r -> !sent.contains(r)).map(OutcomeView::person).toList();
        String decided = hold.times().decidedAt().map(at -> t.get("outcome.decided", t.time(at),
                hold.decided().map(d -> d.by()).orElse(""))).orElse("");
        return new OutcomeView(outcome, PlainText.line(hold.subject(), 500),
                sent.stream().map(r -> sentTo(hold, r, t)).toList(), notSent, decided);
    }

    /** Every envelope recipient by name, for the second step of Cancel ("these people will not get it"). */
    static List<String> people(HeldMessage hold, Texts t) {
        return hold.recipients().stream().filter(HeldRecipient::inEnvelope).map(OutcomeView::person).toList();
    }

    private static String person(HeldRecipient r) {
        return RecipientCard.of(r).nameAndAddress();
    }

    private static String sentTo(HeldMessage hold, HeldRecipient r, Texts t) {
        return r.change().map(change -> change.kind() == RecipientChange.Kind.SENT_INSTEAD
                ? t.get("outcome.sentInstead", suggested(hold, r, change.instead().orElseThrow()), person(r))
                : t.get("outcome.sentAsBcc", person(r))).orElse(person(r));
    }

    /** "田中 一郎 <tanaka.ichiro@aoba-shoji.co.jp>": the suggestion the findings made, as they named it. */
    private static String suggested(HeldMessage hold, HeldRecipient r, MailAddress instead) {
        return Suggestion.forRecipient(hold, r.mailAddress().orElseThrow()).filter(s -> s.address().equals(instead))
                .map(Suggestion::person).orElse(instead.toString());
    }
}
