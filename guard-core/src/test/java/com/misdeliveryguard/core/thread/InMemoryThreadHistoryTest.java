package com.misdeliveryguard.core.thread;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryThreadHistoryTest {

    private static final DomainName AOBA = DomainName.of("aoba-shoji.co.jp");
    private static final DomainName MIDORI = DomainName.of("midori-bank.co.jp");

    @Test
    void unitesTheDomainsOfEveryReferencedMessageItSaw() {
        InMemoryThreadHistory history = new InMemoryThreadHistory(10);
        history.record("1@example.co.jp", Set.of(AOBA));
        history.record("2@example.co.jp", Set.of(MIDORI));

        assertThat(history.domainsOf(List.of("1@example.co.jp", "2@example.co.jp", "never@seen")))
                .containsExactlyInAnyOrder(AOBA, MIDORI);
        assertThat(history.domainsOf(List.of("never@seen"))).isEmpty();
    }

    @Test
    void forgetsTheOldestMessagesBeyondItsCapacity() {
        InMemoryThreadHistory history = new InMemoryThreadHistory(2);
        history.record("1", Set.of(AOBA));
        history.record("2", Set.of(AOBA));
        history.record("3", Set.of(MIDORI));

        assertThat(history.domainsOf(List.of("1"))).isEmpty();
        assertThat(history.domainsOf(List.of("3"))).containsExactly(MIDORI);
    }
}
