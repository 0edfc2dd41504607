package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.testing.InMemoryDirectory;
import com.misdeliveryguard.core.testing.InMemoryLearnedRecipients;
import com.misdeliveryguard.core.testing.Mail;
import com.misdeliveryguard.core.thread.InMemoryThreadHistory;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.util.List;

/** Runs messages through a rule engine over the sample directory. */
final class Checks {

    static final InMemoryDirectory DIRECTORY = InMemoryDirectory.sample();
    static final String SENDER = "yamada.taro@example.co.jp";

    private final RuleEngine engine;

    private Checks(RuleEngine engine) {
        this.engine = engine;
    }

    static Checks withDefaults() {
        return with(Policy.defaults());
    }

    static Checks with(Policy policy) {
        return with(policy, new InMemoryThreadHistory(1000));
    }

    static Checks with(Policy policy, ThreadHistory threads) {
        return new Checks(RuleEngine.builder(DIRECTORY).policy(policy)
                .learnedRecipients(new InMemoryLearnedRecipients().with(SENDER, "design.office@outlook.jp"))
                .threadHistory(threads).build());
    }

    static Mail mail() {
        return Mail.from(SENDER);
    }

    Verdict check(Mail mail) {
        Mail.Built built = mail.build();
        return engine.check(built.envelope(), built.facts());
    }

    /** The findings of one rule only. */
    List<Finding> findings(Mail mail, String ruleId) {
        return check(mail).findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
