package com.misdeliveryguard.core.corpus;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RuleEngine;
import com.misdeliveryguard.core.thread.InMemoryThreadHistory;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks every corpus case with a rule engine over the given directory and measures the outcome: the
 * catch rate (misdeliveries whose policy action is not DELIVER) and the false-hold rate (correct mail
 * whose policy action is not DELIVER). One thread history serves the whole run, in case order.
 * Usable with any {@link ContactDirectory} holding the sample directory — in memory here, JDBC in
 * {@code guard-directory}.
 */
public final class CorpusRun {

    /** The outcome of one case. */
    public record Outcome(CorpusCase expected, Verdict verdict) {

        /** Ids of the rules that gave actionable findings. */
        public Set<String> rules() {
            return verdict.findings().stream().filter(Finding::actionable).map(Finding::ruleId)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }

        /** True when the verdict is exactly the expected one (action, shadow delivery and rules). */
        public boolean exact() {
            boolean delivered = !expected.shadow() || verdict.action() == Action.DELIVER;
            return delivered && verdict.policyAction() == expected.action() && rules().equals(expected.rules());
        }

        public boolean stopped() {
            return verdict.policyAction() != Action.DELIVER;
        }

        @Override
        public String toString() {
            return expected.file() + ": expected " + expected.action() + " " + expected.rules() + ", got "
                    + verdict.policyAction() + " " + rules() + " — " + verdict.findings().stream()
                    .map(f -> f.ruleId() + "/" + f.severity() + ": " + f.explanationEn()).toList();
        }
    }

    private final ContactDirectory directory;
    private final LearnedRecipients learned;
    private final MessageFactsParser parser = new MessageFactsParser(MessageFactsParser.Limits.defaults());

    public CorpusRun(ContactDirectory directory, LearnedRecipients learned) {
        this.directory = directory;
        this.learned = learned;
    }

    /** Checks every case in order. */
    public List<Outcome> run(List<CorpusCase> cases) {
        ThreadHistory threads = new InMemoryThreadHistory(10_000);
        Map<Policy, RuleEngine> engines = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (CorpusCase c : cases) {
            RuleEngine engine = engines.computeIfAbsent(c.policy(), policy -> RuleEngine.builder(directory)
                    .policy(policy).learnedRecipients(learned).threadHistory(threads).build());
            outcomes.add(new Outcome(c, check(engine, c)));
        }
        return outcomes;
    }

    private Verdict check(RuleEngine engine, CorpusCase c) {
        byte[] bytes = Corpus.message(c.file());
        try {
            MessageFacts headers = parser.parse(new ByteArrayInputStream(bytes), List.of());
            Set<MailAddress> recipients = new LinkedHashSet<>();
            Stream.concat(headers.to().stream(), headers.cc().stream()).map(HeaderAddress::address)
                    .flatMap(Optional::stream).forEach(recipients::add);
            c.bcc().stream().map(MailAddress::of).forEach(recipients::add);
            MailAddress sender = headers.from().flatMap(HeaderAddress::address)
                    .orElse(MailAddress.of("yamada.taro@example.co.jp"));
            Envelope envelope = new Envelope(ReversePath.of(sender), List.copyOf(recipients), Optional.of("yamada"),
                    "192.0.2.10", "pc-yamada.example.co.jp", true, true, Instant.parse("2025-04-01T01:00:00Z"));
            MessageFacts facts = parser.parse(new ByteArrayInputStream(bytes), envelope.recipients());
            return engine.check(envelope, facts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Share of misdeliveries stopped (HOLD, DELAY or REJECT asked by the policy). */
    public static double catchRate(List<Outcome> outcomes) {
        List<Outcome> misdeliveries = outcomes.stream().filter(o -> o.expected().misdelivery()).toList();
        return (double) misdeliveries.stream().filter(Outcome::stopped).count() / misdeliveries.size();
    }

    /** Share of correct mail that the policy would not have delivered. */
    public static double falseHoldRate(List<Outcome> outcomes) {
        List<Outcome> correct = outcomes.stream().filter(o -> !o.expected().misdelivery()).toList();
        return (double) correct.stream().filter(Outcome::stopped).count() / correct.size();
    }

    /** A report for the test log. */
    public static String report(List<Outcome> outcomes) {
        long misdeliveries = outcomes.stream().filter(o -> o.expected().misdelivery()).count();
        long correct = outcomes.size() - misdeliveries;
        Map<String, Long> perRule = new LinkedHashMap<>();
        outcomes.forEach(o -> o.rules().forEach(rule -> perRule.merge(rule, 1L, Long::sum)));
        return String.format("corpus: %d messages (%d misdeliveries, %d correct); catch rate %.1f%%, false-hold rate %.1f%%;"
                        + " exact verdicts %d/%d; findings per rule %s", outcomes.size(), misdeliveries, correct,
                100 * catchRate(outcomes), 100 * falseHoldRate(outcomes),
                outcomes.stream().filter(Outcome::exact).count(), outcomes.size(), perRule);
    }
}
