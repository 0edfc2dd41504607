package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code new-domain-in-reply}: a reply (In-Reply-To/References of a message the guard has seen) adds
 * an external domain that was not in that thread (SPEC §5) — a reply-all that picked up a stranger,
 * or an address completed wrongly in the middle of a conversation.
 *
 * <p>A domain counts as already in the thread when it, a parent or a sub-domain of it was there, or when
 * the recipient's organization owns a domain that was there. Replies to messages the guard never saw
 * (incoming mail) are not judged.
 */
final class ReplyBringsANewDomain implements Rule {

    private final ThreadHistory threads;

    ReplyBringsANewDomain(ThreadHistory threads) {
        this.threads = threads;
    }

    @Override
    public String id() {
        return RuleIds.NEW_DOMAIN_IN_REPLY;
    }

    @Override
    public List<Finding> check(CheckedMessage message) {
        Set<String> ids = new LinkedHashSet<>(message.facts().inReplyTo());
        ids.addAll(message.facts().references());
        message.facts().messageId().ifPresent(ids::remove);
        if (ids.isEmpty() || !message.goesOutside()) {
            return List.of();
        }
        Set<DomainName> thread = threads.domainsOf(ids);
        if (thread.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Set<DomainName> reported = new HashSet<>();
        for (ResolvedRecipient recipient : message.external()) {
            DomainName domain = DomainName.of(recipient.address());
            if (inThread(domain, recipient, thread) || !reported.add(domain)) {
                continue;
            }
            findings.add(Findings.about(recipient, id(), Severity.MEDIUM,
                    "この返信で、スレッドに無かった社外ドメイン " + domain.unicode() + " の宛先 " + recipient.address()
                            + " が加わっています。",
                    "This reply adds " + recipient.address() + " at " + domain.unicode()
                            + ", a domain that was not in the thread.",
                    Findings.evidence("domain", domain.unicode())));
        }
        return findings;
    }

    private static boolean inThread(DomainName domain, ResolvedRecipient recipient, Set<DomainName> thread) {
        for (DomainName seen : thread) {
            if (domain.isWithin(seen) || seen.isWithin(domain)) {
                return true;
            }
        }
        return recipient.organization()
                .filter(org -> org.domains().stream().anyMatch(owned -> thread.stream().anyMatch(seen -> seen.isWithin(owned))))
                .isPresent();
    }
}
