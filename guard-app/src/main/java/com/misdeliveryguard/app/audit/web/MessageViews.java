package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.MessageSummary;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.present.RecipientCards;
import com.misdeliveryguard.app.console.ConsoleTexts;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link MessageSummary}s into {@link MessageView}s: labels in the reader's language, rule
 * titles, and the sender's name and department from the directory (through the same
 * {@link RecipientCards} the confirmation page uses).
 */
final class MessageViews {

    static final int SHOWN_RECIPIENTS = 3;
    private final DateTimeFormatter format;
    private final Optional<RecipientCards> cards;

    MessageViews(ZoneId zone, Optional<RecipientCards> cards) {
        this.format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
        this.cards = cards;
    }

    MessageView view(MessageSummary m, ConsoleTexts t) {
        Optional<RecipientCard> sender = senderCard(m.sender());
        return new MessageView(m.queueId(), format.format(m.receivedAt()), m.sender(),
                sender.flatMap(RecipientCard::name).orElse(""), sender.flatMap(RecipientCard::department).orElse(""),
                m.subject().filter(s -> !s.isBlank()).orElse(t.get("nosubject")),
                m.recipients().stream().map(r -> new MessageView.Recipient(r.address(),
                        r.field().map(f -> t.label("field", f)).orElse(""),
                        r.name().or(r::displayName).orElse(""), r.organization().orElse(""),
                        r.department().orElse(""))).toList(),
                SHOWN_RECIPIENTS, m.rules().stream().map(t::rule).toList(), m.finalState(),
                t.label("state", m.finalState()), m.decision().map(d -> t.label("decision", d)).orElse(""),
                m.decidedBy().orElse(""), m.secondsToDecide().map(String::valueOf).orElse(""),
                m.possiblyAutomated());
    }

    /** The message as one JSON object for {@code GET /api/v1/audit/messages}; titles in {@code t}'s language. */
    Map<String, Object> json(MessageSummary m, ConsoleTexts t) {
        Optional<RecipientCard> card = senderCard(m.sender());
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("address", m.sender());
        card.flatMap(RecipientCard::name).ifPresent(n -> sender.put("name", n));
        card.flatMap(RecipientCard::department).ifPresent(d -> sender.put("department", d));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("queueId", m.queueId());
        o.put("receivedAt", m.receivedAt().toString());
        o.put("sender", sender);
        m.subject().ifPresent(s -> o.put("subject", s));
        o.put("recipients", m.recipients().stream().map(r -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("address", r.address());
            r.field().ifPresent(f -> x.put("field", f));
            r.name().or(r::displayName).ifPresent(n -> x.put("name", n));
            r.organization().ifPresent(v -> x.put("organization", v));
            r.department().ifPresent(v -> x.put("department", v));
            return x;
        }).toList());
        o.put("rules", m.rules().stream().map(r -> Map.of("id", r, "title", t.rule(r))).toList());
        m.action().ifPresent(a -> o.put("action", a));
        o.put("finalState", m.finalState());
        m.decision().ifPresent(d -> o.put("decision", d));
        m.decidedBy().ifPresent(d -> o.put("decidedBy", d));
        m.secondsToDecide().ifPresent(s -> o.put("secondsToDecide", s));
        o.put("possiblyAutomated", m.possiblyAutomated());
        o.put("delivered", m.delivered());
        o.put("deferred", m.deferred());
        o.put("bounced", m.bounced());
        o.put("notices", m.notices());
        return o;
    }

    private Optional<RecipientCard> senderCard(String sender) {
        if (cards.isEmpty() || sender.equals("<>")) {
            return Optional.empty();
        }
        try {
            MailAddress address = MailAddress.of(sender);
            return Optional.of(cards.get().card(address, ReversePath.of(address)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
