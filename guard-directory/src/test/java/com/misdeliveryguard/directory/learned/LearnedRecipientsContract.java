package com.misdeliveryguard.directory.learned;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every learned-recipient store must do; one implementing test class per database. */
public interface LearnedRecipientsContract {

    MailAddress SENDER = MailAddress.of("yamada@misdeli.example.jp");
    MailAddress PARTNER = MailAddress.of("Freelance.Kato@example.net");
    Instant MONDAY = Instant.parse("2025-04-07T01:00:00Z");
    Instant TUESDAY = Instant.parse("2025-04-08T01:00:00Z");

    DataSource dataSource();

    default LearnedRecipients learned() {
        return new JdbcLearnedRecipients(dataSource());
    }

    @Test
    default void remembersAConfirmedRecipientForThatSenderOnly() {
        learned().learn(new LearnedRecipient(SENDER, PARTNER, MONDAY, Optional.of("abc@misdeli.example.jp")));

        assertThat(learned().find(MailAddress.of("YAMADA@misdeli.example.jp"), MailAddress.of("freelance.kato@EXAMPLE.net")))
                .hasValueSatisfying(found -> {
                    assertThat(found.recipient()).isEqualTo(PARTNER);
                    assertThat(found.learnedAt()).isEqualTo(MONDAY);
                    assertThat(found.sourceMessageId()).contains("abc@misdeli.example.jp");
                });
        assertThat(learned().find(MailAddress.of("suzuki@misdeli.example.jp"), PARTNER)).isEmpty();
    }

    @Test
    default void learningAgainRefreshesTheTimeAndMessageId() {
        learned().learn(new LearnedRecipient(SENDER, PARTNER, MONDAY, Optional.of("first@x.example")));
        learned().learn(new LearnedRecipient(SENDER, PARTNER, TUESDAY, Optional.empty()));

        assertThat(learned().learnedBy(SENDER, 10)).singleElement().satisfies(found -> {
            assertThat(found.learnedAt()).isEqualTo(TUESDAY);
            assertThat(found.sourceMessageId()).isEmpty();
        });
    }

    @Test
    default void listsWhatASenderLearnedNewestFirst() {
        learned().learn(new LearnedRecipient(SENDER, PARTNER, MONDAY, Optional.empty()));
        learned().learn(new LearnedRecipient(SENDER, MailAddress.of("lawyer@example.org"), TUESDAY, Optional.empty()));

        assertThat(learned().learnedBy(SENDER, 10)).extracting(found -> found.recipient().toString())
                .containsExactly("lawyer@example.org", "Freelance.Kato@example.net");
        assertThat(learned().learnedBy(SENDER, 1)).hasSize(1);
    }

    @Test
    default void forgetsOneLearnedRecipient() {
        learned().learn(new LearnedRecipient(SENDER, PARTNER, MONDAY, Optional.empty()));

        assertThat(learned().forget(SENDER, MailAddress.of("freelance.kato@example.net"))).isTrue();
        assertThat(learned().forget(SENDER, PARTNER)).isFalse();
        assertThat(learned().find(SENDER, PARTNER)).isEmpty();
    }
}
