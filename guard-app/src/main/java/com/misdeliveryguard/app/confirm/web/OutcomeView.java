package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.Texts;
import java.util.List;

/**
 * What the page shows after a decision, and to anyone who opens a used link again.
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
        List<String> sent = !delivered ? List.of() : envelope.stream()
                .filter(r -> !decidedPerRecipient || r.decision()
                        .filter(d -> d == HeldRecipient.RecipientDecision.CONFIRMED).isPresent())
                .map(HeldRecipient::address).toList();
        List<String> notSent = envelope.stream().map(HeldRecipient::address).filter(a -> !sent.contains(a)).toList();
        String decided = hold.times().decidedAt().map(at -> t.get("outcome.decided", t.time(at),
                hold.decided().map(d -> d.by()).orElse(""))).orElse("");
        return new OutcomeView(outcome, PlainText.line(hold.subject(), 500), sent, notSent, decided);
    }
}
