package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.util.List;

/** Every rule of SPEC §5, configured from the policy, in the order of {@link RuleIds#ALL}. */
final class Rules {

    private Rules() {
    }

    static List<Rule> all(Policy policy, ThreadHistory threads, SenderHistory senders) {
        return List.of(
                new RecipientIsUnknown(),
                new RecipientIsNotAContactOfItsOrganization(),
                new RecipientDomainLooksLikeAKnownDomain(),
                new DisplayNameNamesSomeoneElse(),
                new RecipientsSpanExternalOrganizations(),
                new SalutationAddressesSomeoneElse(),
                new AttachmentNamesAnotherOrganization(),
                new ManyExternalAddressesAreVisible(policy.manyVisibleExternalThreshold(), policy.manyVisibleExternalCap()),
                new ReplyBringsANewDomain(threads),
                new KeywordGoesOutside(policy.keywords()),
                new AttachmentGoesOutside(),
                new MessageCouldNotBeParsed(),
                new NamesakeOfUsualRecipient(senders, policy.usualRecipientAfter()),
                new InternalAddressLooksLikeAColleague(policy.roleAddresses()));
    }
}
