package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.testing.InMemoryDirectory;
import com.misdeliveryguard.core.testing.InMemoryLearnedRecipients;
import com.misdeliveryguard.core.testing.Mail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §5: a learned recipient, a past confirmation or an approved directory request never silences
 * {@code lookalike-domain}. The sender who once confirmed {@code tanaka@aoba-shoji.com} (a look-alike of
 * {@code aoba-shoji.co.jp}) is still held, with a finding that says they wrote there before; an
 * administrator who approved a request for that address did not vouch for the domain, unless they
 * overrode the warning explicitly.
 */
class TrustNeverSilencesALookalikeTest {

    private static final String SENDER = "yamada.taro@example.co.jp";
    private static final String LOOKALIKE = "tanaka@aoba-shoji.com";

    private static Verdict check(InMemoryDirectory directory, InMemoryLearnedRecipients learned, String to) {
        Mail.Built mail = Mail.from(SENDER).to(to).subject("お見積り").body("あおば商事株式会社 田中様").build();
        return RuleEngine.builder(directory).learnedRecipients(learned).build().check(mail.envelope(), mail.facts());
    }

    private static InMemoryDirectory sampleWith(String extraRow) {
        try (InputStream in = InMemoryDirectory.class.getResourceAsStream("/corpus/directory.csv")) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing() + "\n" + extraRow + "\n";
            return InMemoryDirectory.fromCsvText(csv, List.of("example.co.jp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLearnedLookalikeIsStillHeldAndTheFindingSaysTheSenderWroteThereBefore() {
        Verdict verdict = check(InMemoryDirectory.sample(), new InMemoryLearnedRecipients().with(SENDER, LOOKALIKE),
                LOOKALIKE);

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().equals(RuleIds.LOOKALIKE_DOMAIN)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.evidence()).containsEntry("knownDomain", "aoba-shoji.co.jp")
                            .containsEntry("trusted", "learned");
                    assertThat(f.explanationEn()).startsWith("You sent here before, but it still resembles aoba-shoji.co.jp.");
                    assertThat(f.explanationJa()).startsWith("以前にも送信した宛先ですが、");
                });
    }

    @Test
    void aContactAddedFromARequestDoesNotVouchForItsLookalikeDomain() {
        InMemoryDirectory directory = sampleWith(LOOKALIKE + ",田中 太郎,,あおば商事株式会社,営業部,requests");

        Verdict verdict = check(directory, new InMemoryLearnedRecipients(), LOOKALIKE);

        assertThat(verdict.action()).isEqualTo(Action.HOLD);
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().equals(RuleIds.LOOKALIKE_DOMAIN)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("trusted", "requested"));
    }

    @Test
    void anotherAddressAtADomainKnownOnlyFromRequestsIsStillALookalike() {
        InMemoryDirectory directory = sampleWith(LOOKALIKE + ",田中 太郎,,あおば商事株式会社,営業部,requests");

        Verdict verdict = check(directory, new InMemoryLearnedRecipients(), "suzuki@aoba-shoji.com");

        assertThat(verdict.findings()).extracting(f -> f.ruleId()).contains(RuleIds.LOOKALIKE_DOMAIN);
        assertThat(verdict.action()).isEqualTo(Action.HOLD);
    }

    @Test
    void anExplicitOverrideVouchesForTheDomain() {
        InMemoryDirectory directory = sampleWith(LOOKALIKE + ",田中 太郎,,あおば商事株式会社,営業部,requests-override");

        Verdict verdict = check(directory, new InMemoryLearnedRecipients(), LOOKALIKE);

        assertThat(verdict.findings()).extracting(f -> f.ruleId()).doesNotContain(RuleIds.LOOKALIKE_DOMAIN);
    }

    @Test
    void aLearnedRecipientAtAnUnrelatedDomainStaysANote() {
        Verdict verdict = check(InMemoryDirectory.sample(),
                new InMemoryLearnedRecipients().with(SENDER, "design.office@outlook.jp"), "design.office@outlook.jp");

        assertThat(verdict.action()).isEqualTo(Action.DELIVER);
        assertThat(verdict.findings()).extracting(f -> f.ruleId()).doesNotContain(RuleIds.LOOKALIKE_DOMAIN);
    }
}
