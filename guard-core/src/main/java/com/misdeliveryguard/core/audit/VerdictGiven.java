package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.guard.ResolvedRecipient;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The guard's verdict on a message: the action taken, every envelope recipient (with the header
 * field it appeared in, its display name and what the directory knew) and every finding with its
 * rule, severity, explanation and evidence.
 *
 * @param queueId    spool id
 * @param sender     envelope sender
 * @param action       what was done (after policy)
 * @param recipients   every envelope recipient
 * @param findings     every finding
 * @param problems     what the parser could not read
 * @param policyAction what the policy asked for; differs from {@code action} in shadow mode, where it is
 *                     the would-be verdict that lets an administrator measure hold rates before enforcing
 * @param externalToBcc the policy converts the message to Bcc: it leaves (now or when released) with its external
 *                     To/Cc addresses taken out of the header ({@code headerChange: external-to-bcc})
 */
public record VerdictGiven(String queueId, ReversePath sender, Action action, List<Recipient> recipients,
        List<Finding> findings, List<String> problems, Action policyAction, boolean externalToBcc)
        implements GuardEvent {

    /**
     * One envelope recipient as the verdict saw it.
     *
     * @param address     canonical envelope address
     * @param field       {@code to}, {@code cc} or {@code bcc} (envelope only)
     * @param displayName display name from the header, empty string when none
     * @param match       what the directory knew, when it was asked
     */
    public record Recipient(MailAddress address, String field, String displayName, Optional<DirectoryMatch> match) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(match, "match");
        }
    }

    /** A verdict that was enforced as the policy asked. */
    public VerdictGiven(String queueId, ReversePath sender, Action action, List<Recipient> recipients,
            List<Finding> findings, List<String> problems) {
        this(queueId, sender, action, recipients, findings, problems, action);
    }

    /** A verdict without a conversion to Bcc. */
    public VerdictGiven(String queueId, ReversePath sender, Action action, List<Recipient> recipients,
            List<Finding> findings, List<String> problems, Action policyAction) {
        this(queueId, sender, action, recipients, findings, problems, policyAction, false);
    }

    public VerdictGiven {
        Objects.requireNonNull(policyAction, "policyAction");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(action, "action");
        recipients = List.copyOf(recipients);
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    /**
     * The verdict entry for a checked message: recipients from the envelope, their header field and
     * display name from the facts (when parsed), directory data from {@code directory}.
     */
    public static VerdictGiven of(String queueId, Envelope envelope, Optional<MessageFacts> facts, Verdict verdict,
            RecipientDescriber directory) {
        List<Recipient> recipients = verdict.recipients().isEmpty()
                ? envelope.recipients().stream().map(r -> recipient(r, facts, directory)).toList()
                : verdict.recipients().stream().map(VerdictGiven::resolved).toList();
        return new VerdictGiven(queueId, envelope.sender(), verdict.action(), recipients, verdict.findings(),
                facts.map(MessageFacts::problems).orElse(List.of()), verdict.policyAction(), verdict.externalToBcc());
    }

    /** A recipient as the checks resolved it (no second directory lookup). */
    private static Recipient resolved(ResolvedRecipient r) {
        RecipientClass classification = r.internal() ? RecipientClass.INTERNAL : switch (r.status()) {
            case KNOWN_CONTACT -> RecipientClass.KNOWN_CONTACT;
            case LEARNED -> RecipientClass.LEARNED;
            case KNOWN_ORGANIZATION -> RecipientClass.KNOWN_ORGANIZATION;
            default -> RecipientClass.UNKNOWN;
        };
        DirectoryMatch match = new DirectoryMatch(classification,
                r.contact().flatMap(Contact::name).map(PersonName::display),
                r.organization().map(o -> o.name().display()), r.contact().flatMap(Contact::department));
        return new Recipient(r.address(), r.role().name().toLowerCase(java.util.Locale.ROOT), r.displayName(),
                Optional.of(match));
    }

    private static Recipient recipient(MailAddress address, Optional<MessageFacts> facts, RecipientDescriber directory) {
        String field = "bcc";
        String name = "";
        if (facts.isPresent()) {
            Optional<HeaderAddress> to = find(facts.get().to(), address);
            Optional<HeaderAddress> cc = find(facts.get().cc(), address);
            field = to.isPresent() ? "to" : cc.isPresent() ? "cc" : "bcc";
            name = to.or(() -> cc).map(HeaderAddress::displayName).orElse("");
        }
        Optional<DirectoryMatch> match;
        try {
            match = directory.describe(address);
        } catch (RuntimeException e) {
            match = Optional.empty();
        }
        return new Recipient(address, field, name, match);
    }

    private static Optional<HeaderAddress> find(List<HeaderAddress> header, MailAddress address) {
        return header.stream().filter(h -> h.address().filter(a -> sameMailbox(a, address)).isPresent()).findFirst();
    }

    private static boolean sameMailbox(MailAddress a, MailAddress b) {
        return a.domain().equals(b.domain()) && a.localPart().equalsIgnoreCase(b.localPart());
    }

    @Override
    public EventType type() {
        return EventType.VERDICT;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create()
                .put("mailFrom", sender)
                .put("action", action)
                .put("policyAction", policyAction)
                .put("recipients", recipients.stream().map(r -> Details.create().put("address", r.address())
                        .put("field", r.field()).put("displayName", r.displayName())
                        .put("directory", r.match().map(DirectoryMatch::details))).toList())
                .put("findings", findings.stream().map(f -> Details.create().put("rule", f.ruleId())
                        .put("severity", f.severity()).put("recipient", f.recipient())
                        .put("explanationJa", f.explanationJa()).put("explanationEn", f.explanationEn())
                        .put("evidence", f.evidence())).toList())
                .put("problems", problems.isEmpty() ? Optional.empty() : Optional.of(problems))
                .put("headerChange", externalToBcc ? Optional.of("external-to-bcc") : Optional.empty())
                .map();
    }

    @Override
    public IndexTerms terms() {
        IndexTerms.Builder terms = IndexTerms.about(sender, action.name().toLowerCase(Locale.ROOT))
                .recipients(recipients.stream().map(Recipient::address).toList());
        for (Recipient r : recipients) {
            r.match().ifPresent(m -> terms.organization(m.organization()).department(m.department()));
        }
        findings.forEach(f -> terms.rule(f.ruleId()));
        return terms.build();
    }
}
