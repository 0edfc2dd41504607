package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@link Guard} of SPEC §5: resolves every envelope recipient in the directory, runs every rule the
 * policy enables, and combines their findings into one verdict.
 *
 * <p>For each message, in this order:
 * <ol>
 *   <li>each envelope recipient is resolved ({@link ResolvedRecipient}); one the directory cannot answer
 *       for gets a {@code directory-unavailable} finding that holds the message;</li>
 *   <li>each enabled rule runs, in the order of {@link RuleIds#ALL}; a rule that throws gives a
 *       {@code rule-error} finding that holds the message (fail safe) and the others still run;</li>
 *   <li>the action is the strictest of the actions of the rules that gave an actionable finding
 *       ({@link Finding#actionable()}), {@code DELIVER} when none did;</li>
 *   <li>in {@link Policy.Mode#SHADOW} the verdict's action is {@code DELIVER}, and
 *       {@link Verdict#policyAction()} keeps the action the policy asked for;</li>
 *   <li>when thread recording is on and the message has a Message-ID, its domains (envelope sender,
 *       envelope recipients, To and Cc) are recorded in the {@link ThreadHistory}.</li>
 * </ol>
 * {@link #check} never throws. Immutable and thread-safe; build it with {@link #builder(ContactDirectory)}
 * and build a new one when the policy changes.
 */
public final class RuleEngine implements Guard {

    private record Configured(Rule rule, Action action) {
    }

    private final ContactDirectory directory;
    private final Policy policy;
    private final RecipientResolver resolver;
    private final List<Configured> rules;
    private final ThreadHistory threads;
    private final boolean recordThreads;

    private RuleEngine(Builder builder) {
        this.directory = builder.directory;
        this.policy = builder.policy;
        this.resolver = new RecipientResolver(directory,
                policy.learnedRecipients() ? builder.learned : Optional.empty());
        this.threads = builder.threads;
        this.recordThreads = builder.recordThreads;
        List<Configured> enabled = new ArrayList<>();
        for (Rule rule : Rules.all(policy, threads, builder.senders)) {
            RuleSetting setting = policy.rule(rule.id());
            if (setting.enabled()) {
                enabled.add(new Configured(rule, setting.action()));
            }
        }
        this.rules = List.copyOf(enabled);
    }

    /** An engine over this directory with the default policy, no learned recipients and no thread history. */
    public static Builder builder(ContactDirectory directory) {
        return new Builder(directory);
    }

    @Override
    public Verdict check(Envelope envelope, MessageFacts facts) {
        List<ResolvedRecipient> recipients = resolver.resolve(envelope, facts);
        List<Finding> findings = new ArrayList<>();
        Action action = Action.DELIVER;
        boolean toBcc = false;
        for (ResolvedRecipient recipient : recipients) {
            if (recipient.status() == DirectoryStatus.UNAVAILABLE) {
                findings.add(Findings.about(recipient, RuleIds.DIRECTORY_UNAVAILABLE, Severity.HIGH,
                        "アドレス帳に問い合わせできなかったため、宛先 " + recipient.address() + " を確認できません。安全のため保留しました。",
                        "The address directory could not be asked about " + recipient.address()
                                + "; the message is held to be safe.",
                        Findings.evidence()));
                action = action.max(Action.HOLD);
            }
        }
        CheckedMessage message = new CheckedMessage(envelope, facts, recipients, directory);
        for (Configured configured : rules) {
            List<Finding> found;
            try {
                found = configured.rule().check(message);
            } catch (RuntimeException failure) {
                findings.add(ruleError(configured.rule().id(), failure));
                action = action.max(Action.HOLD);
                continue;
            }
            findings.addAll(found);
            if (found.stream().anyMatch(Finding::actionable)) {
                action = action.max(configured.action());
                toBcc |= configured.action() == Action.BCC;
            }
        }
        record(envelope, facts, findings);
        boolean shadow = policy.mode() == Policy.Mode.SHADOW;
        Action enforced = shadow ? Action.DELIVER : action;
        boolean converts = toBcc && !shadow && enforced != Action.REJECT;
        return new Verdict(enforced, findings, action, recipients,
                converts ? externalInHeader(facts, recipients) : List.of());
    }

    /**
     * The external To/Cc addresses, classified as the recipients are ({@link ContactDirectory#isInternal(MailAddress)}):
     * an envelope recipient as it was resolved, an address only in the header by the same rule. An address the
     * directory cannot answer for counts as external, so it leaves the visible header.
     */
    private List<MailAddress> externalInHeader(MessageFacts facts, List<ResolvedRecipient> recipients) {
        Map<String, Boolean> resolved = new HashMap<>();
        recipients.forEach(r -> resolved.put(ContactAddresses.key(r.address()), r.internal()));
        Map<String, MailAddress> external = new LinkedHashMap<>();
        for (HeaderAddress visible : Stream.concat(facts.to().stream(), facts.cc().stream()).toList()) {
            visible.address().ifPresent(address -> {
                String key = ContactAddresses.key(address);
                if (!resolved.computeIfAbsent(key, k -> internal(address))) {
                    external.putIfAbsent(key, address);
                }
            });
        }
        return List.copyOf(external.values());
    }

    private boolean internal(MailAddress address) {
        try {
            return directory.isInternal(address);
        } catch (RuntimeException unavailable) {
            return false;
        }
    }

    private static Finding ruleError(String ruleId, RuntimeException failure) {
        return Findings.aboutMessage(RuleIds.RULE_ERROR, Severity.HIGH,
                "確認処理 " + ruleId + " でエラーが発生したため、安全のため保留しました。",
                "The check " + ruleId + " failed; the message is held to be safe.",
                Findings.evidence("rule", ruleId, "error", failure.getClass().getSimpleName() + ": "
                        + Findings.quote(String.valueOf(failure.getMessage()))));
    }

    private void record(Envelope envelope, MessageFacts facts, List<Finding> findings) {
        if (!recordThreads || facts.messageId().isEmpty()) {
            return;
        }
        try {
            threads.record(facts.messageId().get(), ThreadDomains.of(envelope, facts));
        } catch (RuntimeException failure) {
            findings.add(Findings.aboutMessage(RuleIds.NEW_DOMAIN_IN_REPLY, Severity.INFO,
                    "スレッド履歴に記録できませんでした。", "The message could not be recorded in the thread history.",
                    Findings.evidence("error", failure.getClass().getSimpleName())));
        }
    }

    /** The policy this engine applies. */
    public Policy policy() {
        return policy;
    }

    /** Configures a {@link RuleEngine}; only the directory is required. */
    public static final class Builder {

        private final ContactDirectory directory;
        private Policy policy = Policy.defaults();
        private Optional<LearnedRecipients> learned = Optional.empty();
        private ThreadHistory threads = ThreadHistory.NONE;
        private boolean recordThreads = true;
        private SenderHistory senders = SenderHistory.NONE;

        private Builder(ContactDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** The policy; default {@link Policy#defaults()}. */
        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The learned-recipient list (SPEC §4); default none, so nobody is learned. */
        public Builder learnedRecipients(LearnedRecipients learned) {
            this.learned = Optional.of(learned);
            return this;
        }

        /** Where thread domains are kept for {@code new-domain-in-reply}; default {@link ThreadHistory#NONE}. */
        public Builder threadHistory(ThreadHistory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /**
         * Whether each checked message is recorded in the thread history (default true). The relay path
         * records; a check that sends nothing (the HTTP check API) should not.
         */
        public Builder recordThreads(boolean record) {
            this.recordThreads = record;
            return this;
        }

        /** Whom each sender writes to, for {@code namesake-of-usual-recipient}; default {@link SenderHistory#NONE}. */
        public Builder senderHistory(SenderHistory senders) {
            this.senders = Objects.requireNonNull(senders, "senders");
            return this;
        }

        public RuleEngine build() {
            return new RuleEngine(this);
        }
    }
}
