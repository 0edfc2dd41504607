package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.Decisions;
import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.HeaderRole;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.hold.TokenGrant;
import com.misdeliveryguard.app.confirm.present.FindingWords;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.present.Suggestion;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.core.directory.ContactAddresses;
import java.util.Optional;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link ConfirmView} of a hold for the holder of a link: recipients grouped by
 * organization (internal groups last), each with its directory card and the findings about it;
 * what the header says next to the envelope where they differ. Message text passes through
 * {@link PlainText}; the template escapes it.
 */
final class ConfirmViews {

    private static final String LOOKALIKE = "lookalike-domain";
    private final HoldQueries queries;

    ConfirmViews(HoldQueries queries) {
        this.queries = queries;
    }

    /**
     * @param ticked   the recipients to show ticked (after a refused Send: what was posted), or null for the default
     * @param excluded the recipients to show as "do not send"
     */
    ConfirmView of(HeldMessage hold, TokenGrant grant, Texts t, Set<MailAddress> ticked, Set<MailAddress> excluded,
            String error) {
        return of(hold, grant, t, ticked, excluded, Set.of(), error);
    }

    /** @param instead the recipients to show with "send to the suggestion instead" chosen */
    ConfirmView of(HeldMessage hold, TokenGrant grant, Texts t, Set<MailAddress> ticked, Set<MailAddress> excluded,
            Set<MailAddress> instead, String error) {
        Map<String, Suggestion> suggestions = grant.audience() == Audience.SENDER && hold.approval() != Approval.AFTER
                ? Suggestion.of(hold) : Map.of();
        List<MailAddress> candidates = Decisions.candidates(grant, hold);
        Set<String> requested = Set.copyOf(queries.requestedAddresses(hold.queueId()));
        Map<String, List<ConfirmView.Row>> groups = new LinkedHashMap<>();
        Map<String, Boolean> internal = new LinkedHashMap<>();
        List<String> notSelectable = new ArrayList<>();
        int n = 0;
        for (HeldRecipient r : hold.recipients()) {
            if (!r.inEnvelope()) {
                continue;
            }
            MailAddress address = r.mailAddress().orElseThrow();
            if (!candidates.contains(address)) {
                notSelectable.add(address.toString());
                continue;
            }
            RecipientCard card = RecipientCard.of(r);
            boolean checked = ticked != null ? ticked.contains(address) : !r.flagged();
            Optional<Suggestion> suggestion = Optional.ofNullable(suggestions.get(ContactAddresses.key(address)));
            boolean lookalike = hold.findingsAbout(address).stream().anyMatch(f -> f.ruleId().equals(LOOKALIKE));
            groups.computeIfAbsent(card.group(), g -> new ArrayList<>()).add(row("r" + n++, r, card, hold, t, checked,
                    excluded.contains(address), grant.audience() == Audience.SENDER && card.unknownPerson()
                            && !lookalike,
                    requested.contains(address.toString()), suggestion, instead.contains(address)));
            internal.merge(card.group(), card.internal(), Boolean::logicalAnd);
        }
        List<ConfirmView.Group> grouped = new ArrayList<>();
        groups.forEach((name, rows) -> grouped.add(new ConfirmView.Group(PlainText.line(name, 200), internal.get(name),
                rows)));
        grouped.sort((a, b) -> Boolean.compare(a.internal(), b.internal()));
        return new ConfirmView(PlainText.line(hold.subject(), 500),
                hold.sender().address().map(MailAddress::toString).orElse("<>"), intro(hold, grant, t),
                t.time(hold.times().expiresAt()), grouped,
                lines(hold.generalFindings(), t),
                hold.attachmentNames().stream().map(a -> PlainText.line(a, 300)).toList(),
                PlainText.lines(hold.openingLines(), 20, 300).lines().toList(), headerOnly(hold),
                hold.recipients().stream().filter(r -> r.inEnvelope() && r.role() == HeaderRole.BCC)
                        .map(HeldRecipient::address).toList(),
                notSelectable, grant.audience() == Audience.APPROVER, error == null ? "" : t.get(error),
                grant.audience() == Audience.SENDER && hold.approval() != Approval.AFTER && Suggestion.offersBcc(hold));
    }

    private static ConfirmView.Row row(String id, HeldRecipient r, RecipientCard card, HeldMessage hold, Texts t,
            boolean checked, boolean excluded, boolean requestable, boolean requested, Optional<Suggestion> suggestion,
            boolean instead) {
        String name = card.name().map(x -> PlainText.line(x, 200))
                .orElse(!card.unknownPerson() ? t.get("card.noName") : "");
        return new ConfirmView.Row(id, card.address(), card.unicodeDomain().orElse(""), r.role().label(),
                PlainText.line(r.displayName(), 200), name, PlainText.line(card.affiliation(), 300),
                t.get(card.standingKey()), card.internal(), r.flagged(),
                lines(hold.findingsAbout(r.mailAddress().orElseThrow()), t), checked, excluded, requestable, requested,
                "pick:" + card.address(), suggestion.map(Suggestion::person).orElse(""),
                suggestion.map(s -> s.address().toString()).orElse(""), instead);
    }

    private static String intro(HeldMessage hold, TokenGrant grant, Texts t) {
        if (hold.state() == HoldState.DELAYED) {
            return t.get("page.intro.delayed", t.time(hold.times().deliverAt().orElse(hold.times().expiresAt())));
        }
        if (grant.audience() == Audience.APPROVER) {
            return t.get("page.intro.approver", hold.sender().address().map(MailAddress::toString).orElse("<>"));
        }
        return t.get("page.intro");
    }

    private static List<ConfirmView.HeaderLine> headerOnly(HeldMessage hold) {
        return hold.recipients().stream().filter(r -> !r.inEnvelope()).map(r -> new ConfirmView.HeaderLine(
                r.role().label(), PlainText.line(r.displayName(), 200), PlainText.line(r.address(), 320))).toList();
    }

    /** Findings in words, the most severe first, each suggestion once. */
    static List<ConfirmView.FindingLine> lines(List<Finding> findings, Texts t) {
        Set<String> said = new java.util.HashSet<>();
        return FindingWords.bySeverity(findings).stream().map(f -> {
            String text = FindingWords.explanation(f, t);
            String suggestion = FindingWords.suggestion(f, t).filter(s -> !text.contains(s)).filter(said::add)
                    .orElse("");
            return new ConfirmView.FindingLine(f.ruleId(), FindingWords.title(f, t), f.severity().name(), text,
                    suggestion);
        }).toList();
    }
}
