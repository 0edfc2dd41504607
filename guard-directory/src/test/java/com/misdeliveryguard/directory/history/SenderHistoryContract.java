package com.misdeliveryguard.directory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.history.Correspondent;
import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What every sender-history store must do (ADR 0007); one implementing test class per store. */
public interface SenderHistoryContract {

    MailAddress SENDER = MailAddress.of("yamada@misdeli.example.jp");
    MailAddress COLLEAGUE = MailAddress.of("Kimura.Shin@misdeli.example.jp");
    MailAddress NAMESAKE = MailAddress.of("kimura@other.example.co.jp");
    Instant MONDAY = Instant.parse("2025-04-07T01:00:00Z");
    Duration RETENTION = Duration.ofDays(180);

    /** A store that keeps {@code perSender} correspondents for {@link #RETENTION}, by this clock. */
    SenderHistory history(int perSender, Clock clock);

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    default void countsDeliveriesPerSenderAndRecipientMostFrequentFirst() {
        SenderHistory history = history(100, at(MONDAY.plus(Duration.ofDays(1))));
        for (int i = 0; i < 3; i++) {
            history.record(SENDER, COLLEAGUE, MONDAY.plusSeconds(i));
        }
        history.record(MailAddress.of("YAMADA@misdeli.example.jp"), NAMESAKE, MONDAY);

        assertThat(history.correspondentsOf(SENDER, 10)).containsExactly(
                new Correspondent(COLLEAGUE, 3, MONDAY.plusSeconds(2)), new Correspondent(NAMESAKE, 1, MONDAY));
        assertThat(history.correspondentsOf(MailAddress.of("kimura.shin@misdeli.example.jp"), 10)).isEmpty();
        assertThat(history.correspondentsOf(SENDER, 1)).extracting(Correspondent::recipient).containsExactly(COLLEAGUE);
    }

    @Test
    default void recordsTheRecipientsOfOneMessageTogetherAsOneDeliveryEach() {
        SenderHistory history = history(100, at(MONDAY.plus(Duration.ofDays(1))));
        history.recordAll(SENDER, java.util.List.of(COLLEAGUE, NAMESAKE), MONDAY);
        history.recordAll(SENDER, java.util.List.of(COLLEAGUE), MONDAY.plusSeconds(5));

        assertThat(history.correspondentsOf(SENDER, 10)).containsExactly(
                new Correspondent(COLLEAGUE, 2, MONDAY.plusSeconds(5)), new Correspondent(NAMESAKE, 1, MONDAY));
    }

    @Test
    default void recordsTheDeliveriesOfSeveralSendersTogether() {
        SenderHistory history = history(100, at(MONDAY.plus(Duration.ofDays(1))));
        MailAddress other = MailAddress.of("sato@misdeli.example.jp");
        history.recordEach(java.util.List.of(
                new Delivery(SENDER, java.util.List.of(COLLEAGUE, NAMESAKE), MONDAY),
                new Delivery(other, java.util.List.of(NAMESAKE), MONDAY.plusSeconds(1)),
                new Delivery(SENDER, java.util.List.of(COLLEAGUE), MONDAY.plusSeconds(5))));

        assertThat(history.correspondentsOf(SENDER, 10)).containsExactly(
                new Correspondent(COLLEAGUE, 2, MONDAY.plusSeconds(5)), new Correspondent(NAMESAKE, 1, MONDAY));
        assertThat(history.correspondentsOf(other, 10)).containsExactly(
                new Correspondent(NAMESAKE, 1, MONDAY.plusSeconds(1)));
    }

    @Test
    default void comparesTheLocalPartWithoutCase() {
        SenderHistory history = history(100, at(MONDAY));
        history.record(SENDER, COLLEAGUE, MONDAY);
        history.record(SENDER, MailAddress.of("kimura.shin@misdeli.example.jp"), MONDAY);

        assertThat(history.correspondentsOf(SENDER, 10)).singleElement()
                .satisfies(c -> assertThat(c.deliveries()).isEqualTo(2));
    }

    @Test
    default void keepsAtMostTheBoundPerSenderForgettingTheLeastRecent() {
        SenderHistory history = history(3, at(MONDAY.plus(Duration.ofDays(1))));
        for (int i = 0; i < 5; i++) {
            history.record(SENDER, MailAddress.of("r" + i + "@example.co.jp"), MONDAY.plusSeconds(i));
        }

        assertThat(history.correspondentsOf(SENDER, 10)).extracting(c -> c.recipient().toString())
                .containsExactlyInAnyOrder("r2@example.co.jp", "r3@example.co.jp", "r4@example.co.jp");
    }

    @Test
    default void forgetsCorrespondentsNotWrittenToWithinTheRetention() {
        SenderHistory history = history(100, at(MONDAY.plus(RETENTION).plus(Duration.ofDays(1))));
        history.record(SENDER, NAMESAKE, MONDAY);
        history.record(SENDER, COLLEAGUE, MONDAY.plus(Duration.ofDays(10)));

        assertThat(history.correspondentsOf(SENDER, 10)).extracting(Correspondent::recipient).containsExactly(COLLEAGUE);
    }
}
