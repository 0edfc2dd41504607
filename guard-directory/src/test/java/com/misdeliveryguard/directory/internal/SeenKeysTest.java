package com.misdeliveryguard.directory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenKeysTest {

    @Test
    void answersTheLineWhereAKeyWasFirstSeen() {
        SeenKeys seen = new SeenKeys();

        assertThat(seen.add("tanaka@aoba.co.jp", 2)).isZero();
        assertThat(seen.add("suzuki@aoba.co.jp", 3)).isZero();
        assertThat(seen.add("tanaka@aoba.co.jp", 9)).isEqualTo(2);
        assertThat(seen.contains("suzuki@aoba.co.jp")).isTrue();
        assertThat(seen.contains("sato@aoba.co.jp")).isFalse();
    }

    @Test
    void growsPastItsInitialCapacityWithoutLosingKeys() {
        SeenKeys seen = new SeenKeys();
        for (int i = 1; i <= 100_000; i++) {
            seen.add("user" + i + "@example.com", i);
        }

        assertThat(seen.size()).isEqualTo(100_000);
        assertThat(seen.add("user77777@example.com", 0)).isEqualTo(77_777);
    }
}
