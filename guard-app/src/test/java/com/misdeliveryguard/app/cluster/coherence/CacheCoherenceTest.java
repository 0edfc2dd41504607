package com.misdeliveryguard.app.cluster.coherence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.app.cluster.coherence.CacheCoherence.Topic;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The payloads of the cache channel, without a database: they stay under PostgreSQL's 8,000-byte limit
 * counted in bytes (Japanese and IDN keys included), carry every change once, and a received payload
 * drops exactly the named entries, everything of a topic for a bare letter, nothing for its own.
 */
class CacheCoherenceTest {

    private final CacheCoherence coherence = CacheCoherence.local();

    @Test
    void manyChangesAreSplitIntoPayloadsUnderTheLimitInBytes() {
        Set<String> lines = new LinkedHashSet<>();
        for (int i = 0; i < 3_000; i++) {
            lines.add("L" + "たなか" + i + "@例え.jp\tyamada" + i + "@gmail.com");
        }
        List<String> payloads = coherence.payloads(lines);
        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(CacheCoherence.MAX_PAYLOAD_BYTES));
        List<String> carried = new ArrayList<>();
        payloads.forEach(p -> carried.addAll(List.of(p.split("\n")).subList(1, p.split("\n").length)));
        assertThat(carried).containsExactlyElementsOf(lines);
    }

    @Test
    void aPayloadFromAnotherInstanceDropsTheNamedEntriesAndABareLetterDropsAll() {
        List<String> dropped = new ArrayList<>();
        AtomicInteger emptied = new AtomicInteger();
        coherence.register(Topic.SENDER_HISTORY, dropped::add, emptied::incrementAndGet);
        coherence.register(Topic.DIRECTORY, key -> dropped.add("directory " + key), emptied::incrementAndGet);

        coherence.received("another-instance\nHtanaka@example.co.jp\nHsato@example.co.jp\nD");

        assertThat(dropped).containsExactly("tanaka@example.co.jp", "sato@example.co.jp");
        assertThat(emptied).hasValue(1);
    }

    @Test
    void itsOwnPayloadsAreIgnored() {
        List<String> dropped = new ArrayList<>();
        coherence.register(Topic.LEARNED_RECIPIENTS, dropped::add, () -> dropped.add("all"));
        coherence.payloads(new LinkedHashSet<>(List.of("La@example.co.jp\tb@gmail.com", "L")))
                .forEach(coherence::received);
        assertThat(dropped).isEmpty();
    }

    @Test
    void keysAreNeitherEmptyNorMultiLine() {
        assertThatThrownBy(() -> coherence.changed(Topic.SENDER_HISTORY, "")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> coherence.changed(Topic.SENDER_HISTORY, "a@b\nD")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
