package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DirectoryUnavailableException;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationId;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.DirectoryStatus;
import com.misdeliveryguard.core.guard.RecipientRole;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.testing.InMemoryLearnedRecipients;
import com.misdeliveryguard.core.testing.Mail;
import com.misdeliveryguard.core.thread.InMemoryThreadHistory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleEngineTest {

    private final Checks checks = Checks.withDefaults();

    @Test
    void deliversCorrectMailWithoutFindings() {
        var verdict = checks.check(Checks.mail().to("田中 太郎", "tanaka@aoba-shoji.co.jp").cc("sato.hanako@example.co.jp")
                .body("あおば商事株式会社\n田中様\nいつもお世話になっております。").attach("御見積書_あおば商事様.pdf"));

        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.shadowed()).isFalse();
    }

    @Test
    void resolvesEveryEnvelopeRecipientWithRoleAndDirectoryData() {
        var verdict = checks.check(Checks.mail().to("田中 太郎", "Tanaka@aoba-shoji.co.jp").cc("sato.hanako@example.co.jp")
                .bcc("tanak@aoba-shoji.co.jp").bcc("design.office@outlook.jp").bcc("x@unknown-trading.co.jp"));

        assertThat(verdict.recipients()).extracting(r -> r.address().toString(), r -> r.role(), r -> r.status(),
                        r -> r.internal(), r -> r.organization().map(o -> o.name().display()).orElse("-"))
                .containsExactly(
                        tuple("Tanaka@aoba-shoji.co.jp", RecipientRole.TO,
                                DirectoryStatus.KNOWN_CONTACT, false, "あおば商事株式会社"),
                        tuple("sato.hanako@example.co.jp", RecipientRole.CC,
                                DirectoryStatus.KNOWN_CONTACT, true, "株式会社エグザンプル"),
                        tuple("tanak@aoba-shoji.co.jp", RecipientRole.BCC,
                                DirectoryStatus.KNOWN_ORGANIZATION, false, "あおば商事株式会社"),
                        tuple("design.office@outlook.jp", RecipientRole.BCC,
                                DirectoryStatus.LEARNED, false, "-"),
                        tuple("x@unknown-trading.co.jp", RecipientRole.BCC,
                                DirectoryStatus.UNKNOWN, false, "-"));
        assertThat(verdict.recipients().get(0).displayName()).isEqualTo("田中 太郎");
        assertThat(verdict.recipients().get(0).contact()).hasValueSatisfying(c ->
                assertThat(c.department()).contains("営業部"));
    }

    @Test
    void convertingToBccTakesOutTheExternalAddressesOfToAndCcClassifiedAsTheRecipientsAre() {
        Policy policy = Policy.builder().action(RuleIds.MULTIPLE_EXTERNAL_ORGS, Action.BCC)
                .action(RuleIds.MANY_VISIBLE_EXTERNAL, Action.BCC).manyVisibleExternalThreshold(2).build();
        var verdict = Checks.with(policy).check(Checks.mail().to("tanaka@aoba-shoji.co.jp")
                .to("y.kimura@midori-bank.co.jp").cc("sato.hanako@example.co.jp").cc("kato@example.co.jp")
                .cc("someone@unknown-trading.co.jp").notInEnvelope("kato@example.co.jp")
                .notInEnvelope("someone@unknown-trading.co.jp"));

        assertThat(verdict.action()).isEqualTo(Action.BCC);
        // the colleague only in the header is internal by the directory's rule, as the envelope's colleague is;
        // no internal recipient of the envelope needs to share a domain with it
        assertThat(verdict.outOfHeader()).extracting(MailAddress::toString).containsExactly(
                "tanaka@aoba-shoji.co.jp", "y.kimura@midori-bank.co.jp", "someone@unknown-trading.co.jp");
        assertThat(Checks.with(policy.toBuilder().mode(Policy.Mode.SHADOW).build()).check(Checks.mail()
                .to("tanaka@aoba-shoji.co.jp").to("y.kimura@midori-bank.co.jp")).outOfHeader())
                .as("shadow mode converts nothing").isEmpty();
    }

    @Test
    void theStrictestActionWins() {
        Policy policy = Policy.builder().action(RuleIds.UNKNOWN_RECIPIENT, Action.DELAY)
                .action(RuleIds.MULTIPLE_EXTERNAL_ORGS, Action.REJECT).build();

        assertThat(Checks.with(policy).check(Checks.mail().to("x@unknown-trading.co.jp")).action()).isEqualTo(Action.DELAY);
        assertThat(Checks.with(policy).check(Checks.mail().to("x@unknown-trading.co.jp").to("tanaka@aoba-shoji.co.jp")
                .cc("y.kimura@midori-bank.co.jp")).action()).isEqualTo(Action.REJECT);
    }

    @Test
    void aDisabledRuleGivesNoFindings() {
        var verdict = Checks.with(Policy.builder().disable(RuleIds.UNKNOWN_RECIPIENT).build())
                .check(Checks.mail().to("x@unknown-trading.co.jp"));

        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void shadowModeDeliversButKeepsTheVerdictItWouldHaveGiven() {
        var verdict = Checks.with(Policy.builder().mode(Policy.Mode.SHADOW).build())
                .check(Checks.mail().to("tanaka@aoba-shoji.com"));

        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(verdict.policyAction()).isEqualTo(Action.HOLD);
        assertThat(verdict.shadowed()).isTrue();
        assertThat(verdict.findings()).extracting(f -> f.ruleId())
                .containsExactly(RuleIds.UNKNOWN_RECIPIENT, RuleIds.LOOKALIKE_DOMAIN);
    }

    @Test
    void aRuleThatThrowsHoldsTheMessageAndTheOtherRulesStillRun() {
        ContactDirectory failingNames = new Delegating(Checks.DIRECTORY) {
            @Override
            public List<Contact> contactsNamed(String name, int limit) {
                throw new DirectoryUnavailableException("connection refused", null);
            }
        };
        var engine = RuleEngine.builder(failingNames).build();
        Mail.Built mail = Checks.mail().to("鈴木 健一", "k.suzuki@aoba-shoji.co.jp").cc("x@unknown-trading.co.jp")
                .body("あおば商事 田中様\nいつもお世話になっております。").build();

        var verdict = engine.check(mail.envelope(), mail.facts());

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.findings()).extracting(f -> f.ruleId())
                .contains(RuleIds.UNKNOWN_RECIPIENT, RuleIds.RULE_ERROR);
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().equals(RuleIds.RULE_ERROR))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void aRuleErrorHoldsEvenWhenTheRuleWouldOnlyDeliver() {
        ContactDirectory failingNames = new Delegating(Checks.DIRECTORY) {
            @Override
            public List<Contact> contactsNamed(String name, int limit) {
                throw new IllegalStateException("bug");
            }
        };
        var engine = RuleEngine.builder(failingNames)
                .policy(Policy.builder().action(RuleIds.DISPLAY_NAME_MISMATCH, Action.DELIVER)
                        .disable(RuleIds.SALUTATION_MISMATCH).build()).build();
        Mail.Built mail = Checks.mail().to("鈴木 健一", "tanaka@aoba-shoji.co.jp").build();

        assertThat(engine.check(mail.envelope(), mail.facts()).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void aDirectoryThatCannotAnswerHoldsTheMessage() {
        ContactDirectory down = new Delegating(Checks.DIRECTORY) {
            @Override
            public Optional<Contact> contactByAddress(MailAddress address) {
                throw new DirectoryUnavailableException("database down", null);
            }
        };
        Mail.Built mail = Checks.mail().to("tanaka@aoba-shoji.co.jp").build();

        var verdict = RuleEngine.builder(down).build().check(mail.envelope(), mail.facts());

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.recipients()).singleElement().satisfies(r ->
                assertThat(r.status()).isEqualTo(DirectoryStatus.UNAVAILABLE));
        assertThat(verdict.findings()).extracting(f -> f.ruleId()).contains(RuleIds.DIRECTORY_UNAVAILABLE);
    }

    @Test
    void learnedRecipientsCanBeIgnoredByPolicy() {
        var engine = RuleEngine.builder(Checks.DIRECTORY).policy(Policy.builder().learnedRecipients(false).build())
                .learnedRecipients(new InMemoryLearnedRecipients().with(Checks.SENDER, "design.office@outlook.jp")).build();
        Mail.Built mail = Checks.mail().to("design.office@outlook.jp").build();

        assertThat(engine.check(mail.envelope(), mail.facts()).action()).isEqualTo(Action.HOLD);
    }

    @Test
    void recordsEachCheckedMessageInTheThreadHistoryUnlessToldNotTo() {
        var threads = new InMemoryThreadHistory(10);
        Mail.Built mail = Checks.mail().to("tanaka@aoba-shoji.co.jp").messageId("a@example.co.jp").build();

        RuleEngine.builder(Checks.DIRECTORY).threadHistory(threads).recordThreads(false).build()
                .check(mail.envelope(), mail.facts());
        assertThat(threads.domainsOf(List.of("a@example.co.jp"))).isEmpty();

        RuleEngine.builder(Checks.DIRECTORY).threadHistory(threads).build().check(mail.envelope(), mail.facts());
        assertThat(threads.domainsOf(List.of("a@example.co.jp")))
                .containsExactlyInAnyOrder(DomainName.of("example.co.jp"), DomainName.of("aoba-shoji.co.jp"));
    }

    /** A directory that forwards every question; tests override the one that fails. */
    private static class Delegating implements ContactDirectory {
        private final ContactDirectory delegate;

        Delegating(ContactDirectory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Contact> contactByAddress(MailAddress address) {
            return delegate.contactByAddress(address);
        }

        @Override
        public Optional<Organization> organizationOwning(DomainName domain) {
            return delegate.organizationOwning(domain);
        }

        @Override
        public Optional<Organization> organizationNamed(String name) {
            return delegate.organizationNamed(name);
        }

        @Override
        public Optional<Organization> organization(OrganizationId id) {
            return delegate.organization(id);
        }

        @Override
        public List<Contact> contactsOf(OrganizationId organization, int limit) {
            return delegate.contactsOf(organization, limit);
        }

        @Override
        public List<Contact> contactsAtDomain(DomainName domain, int limit) {
            return delegate.contactsAtDomain(domain, limit);
        }

        @Override
        public List<Contact> contactsNamed(String name, int limit) {
            return delegate.contactsNamed(name, limit);
        }

        @Override
        public Optional<KnownDomain> knownDomain(DomainName domain) {
            return delegate.knownDomain(domain);
        }

        @Override
        public List<KnownDomain> knownDomainsNear(DomainName domain, int limit) {
            return delegate.knownDomainsNear(domain, limit);
        }

        @Override
        public boolean isInternal(DomainName domain) {
            return delegate.isInternal(domain);
        }
    }
}
