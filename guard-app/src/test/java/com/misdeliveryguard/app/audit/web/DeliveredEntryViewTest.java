package com.misdeliveryguard.app.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.audit.LogEntry;
import com.misdeliveryguard.core.audit.RecipientsDelivered;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A {@code delivered} entry names every recipient its reply accepted (one entry per upstream reply since
 * 2026-12-07); the console shows them all, and still reads the entries of one recipient written before.
 */
class DeliveredEntryViewTest {

    private final EntryViews views = new EntryViews(ZoneId.of("Asia/Tokyo"));

    @Test
    void anEntryForSeveralRecipientsShowsEachOfThem() {
        LogEntry entry = LogEntry.link(1, Instant.parse("2026-12-07T09:00:00Z"), new RecipientsDelivered("Q1",
                ReversePath.of(MailAddress.of("tanaka@example.co.jp")), List.of(MailAddress.of("sato@aoba-shoji.co.jp"),
                        MailAddress.of("kato@aoba-shoji.co.jp")), "250 2.0.0 Ok: queued as 4F2A"), LogEntry.GENESIS);

        EntryView view = views.view(entry);

        assertThat(view.recipients()).containsExactly("sato@aoba-shoji.co.jp", "kato@aoba-shoji.co.jp");
        assertThat(view.summary())
                .isEqualTo("sato@aoba-shoji.co.jp, kato@aoba-shoji.co.jp: 250 2.0.0 Ok: queued as 4F2A");
        assertThat(view.outcome()).isEqualTo("delivered");
        assertThat(view.sender()).isEqualTo("tanaka@example.co.jp");
    }

    @Test
    void anEntryOfTheFormerShapeShowsItsOneRecipient() {
        LogEntry entry = new LogEntry(1, Instant.parse("2026-12-01T09:00:00Z"), "delivered", Optional.of("Q1"),
                Optional.empty(), "{\"mailFrom\":\"tanaka@example.co.jp\",\"recipient\":\"sato@aoba-shoji.co.jp\","
                        + "\"reply\":\"250 OK\"}", LogEntry.GENESIS, "");

        EntryView view = views.view(entry);

        assertThat(view.recipients()).containsExactly("sato@aoba-shoji.co.jp");
        assertThat(view.summary()).isEqualTo("sato@aoba-shoji.co.jp: 250 OK");
    }
}
