package com.misdeliveryguard.core.corpus;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.rules.Policy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One message of the corpus with what the guard should make of it.
 *
 * @param file          the {@code .eml} file name under {@code /corpus}
 * @param action        the action the policy should ask for ({@link com.misdeliveryguard.core.guard.Verdict#policyAction()})
 * @param shadow        true when the case runs in shadow mode: the message must be delivered all the same
 * @param rules         ids of the rules whose findings should be actionable
 * @param bcc           envelope recipients that are in neither To nor Cc
 * @param policy        the policy to check with
 * @param gap           why a misdelivery is not caught today, when it is a known gap
 */
public record CorpusCase(String file, Action action, boolean shadow, Set<String> rules, List<String> bcc, Policy policy,
        Optional<String> gap) {

    /** True when the message is a misdelivery the guard should stop. */
    public boolean misdelivery() {
        return action != Action.DELIVER;
    }

    @Override
    public String toString() {
        return file;
    }
}
