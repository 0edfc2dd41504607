package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.MessageSummary;
import com.misdeliveryguard.app.console.ConsoleTexts;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link MessageSummary}s into {@link MessageView}s: labels in the reader's language, rule
 * titles, and the sender's name and department from the directory ({@link ContactDirectory}, cached;
 * a directory that cannot be asked leaves them blank).
 */
final class MessageViews {

    static final int SHOWN_RECIPIENTS = 3;
    private final DateTimeFormatter format;
    private final Optional<ContactDirectory> directory;

    MessageViews(ZoneId zone, Optional<ContactDirectory> directory) {
        this.format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
        this.directory = directory;
    }

    MessageView view(MessageSummary m, ConsoleTexts t) {
        Optional<Contact> sender = sender(m.sender());
        return new MessageView(m.queueId(), format.format(m.receivedAt()), m.sender(),
                sender.flatMap(Contact::name).map(PersonName::display).orElse(""),
                sender.flatMap(Contact::department).orElse(""),
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
        Optional<Contact> contact = sender(m.sender());
        Map<String, Object> sender = new LinkedHashMap<>();
        sender.put("address", m.sender());
        contact.flatMap(Contact::name).map(PersonName::display).ifPresent(n -> sender.put("name", n));
        contact.flatMap(Contact::department).ifPresent(d -> sender.put("department", d));
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

    private Optional<Contact> sender(String sender) {
        if (directory.isEmpty() || sender.equals("<>")) {
            return Optional.empty();
        }
        try {
            return directory.get().contactByAddress(MailAddress.of(sender));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
