package com.misdeliveryguard.directory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.history.Delivery;
import com.misdeliveryguard.core.history.InMemorySenderHistory;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachedSenderHistoryTest implements SenderHistoryContract {

    @Override
    public SenderHistory history(int perSender, Clock clock) {
        return new CachedSenderHistory(new InMemorySenderHistory(perSender, RETENTION, clock));
    }

    @Test
    void aRecordedDeliveryIsSeenAtOnceThroughTheCache() {
        Clock clock = Clock.fixed(MONDAY.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
        SenderHistory history = history(10, clock);
        assertThat(history.correspondentsOf(SENDER, 200)).isEmpty();

        history.record(SENDER, COLLEAGUE, MONDAY);

        assertThat(history.correspondentsOf(SENDER, 200)).hasSize(1);
        assertThat(history.correspondentsOf(SENDER, 1)).hasSize(1);
    }

    @Test
    void everyWayOfRecordingTellsTheOtherInstances() {
        Clock clock = Clock.fixed(MONDAY.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
        java.util.List<String> told = new java.util.ArrayList<>();
        SenderHistory history = new CachedSenderHistory(new InMemorySenderHistory(10, RETENTION, clock), told::add);

        history.record(SENDER, COLLEAGUE, MONDAY);
        history.recordAll(SENDER, java.util.List.of(COLLEAGUE), MONDAY);
        assertThat(told).hasSize(2).allMatch(key -> key.equals(
                com.misdeliveryguard.core.directory.ContactAddresses.key(SENDER)));

        told.clear();
        MailAddress other = MailAddress.of("sato@misdeli.example.jp");
        history.recordEach(java.util.List.of(new Delivery(SENDER, java.util.List.of(COLLEAGUE), MONDAY),
                new Delivery(other, java.util.List.of(COLLEAGUE), MONDAY),
                new Delivery(SENDER, java.util.List.of(NAMESAKE), MONDAY)));
        assertThat(told).containsExactlyInAnyOrder(com.misdeliveryguard.core.directory.ContactAddresses.key(SENDER),
                com.misdeliveryguard.core.directory.ContactAddresses.key(other));
    }
}
