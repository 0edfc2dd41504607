/**
 * The rules of SPEC §5 and the engine that runs them.
 *
 * <p>{@link com.misdeliveryguard.core.rules.RuleEngine} is the {@link com.misdeliveryguard.core.guard.Guard}
 * the relay uses: it resolves every envelope recipient in the directory, runs each rule the
 * {@link com.misdeliveryguard.core.rules.Policy} enables, turns a rule that throws into a finding that holds
 * (fail safe), takes the strictest action asked for and, in shadow mode, delivers while keeping the verdict it
 * would have given. Each rule is a small package-private class named as the sentence it checks —
 * {@code RecipientIsUnknown}, {@code RecipientIsNotAContactOfItsOrganization},
 * {@code RecipientDomainLooksLikeAKnownDomain}, {@code DisplayNameNamesSomeoneElse},
 * {@code RecipientsSpanExternalOrganizations}, {@code SalutationAddressesSomeoneElse},
 * {@code AttachmentNamesAnotherOrganization}, {@code ManyExternalAddressesAreVisible},
 * {@code ReplyBringsANewDomain}, {@code KeywordGoesOutside}, {@code AttachmentGoesOutside},
 * {@code MessageCouldNotBeParsed} — and carries the stable id of {@link com.misdeliveryguard.core.rules.RuleIds}.
 * Reading whom a salutation, a display name or a file name addresses ({@code AddresseeReader},
 * {@code Salutations}, {@code PersonKeys}, {@code OrganizationsInFileName}) is shared by the rules that compare
 * people and organizations. Rules only ask the directory keyed questions; none scans it.
 */
package com.misdeliveryguard.core.rules;
