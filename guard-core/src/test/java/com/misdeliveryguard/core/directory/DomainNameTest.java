package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @Test
    void normalizesWhatPeopleType() {
        assertThat(DomainName.of("＠ＡＯＢＡ．ＣＯ．ＪＰ").ascii()).isEqualTo("aoba.co.jp");
        assertThat(DomainName.of("Aoba.co.jp.").ascii()).isEqualTo("aoba.co.jp");
    }

    @Test
    void holdsInternationalizedNamesAsPunycodeAndShowsThemInUnicode() {
        DomainName domain = DomainName.of("あおば商事.jp");

        assertThat(domain.ascii()).isEqualTo("xn--l8jq8im89jebh.jp");
        assertThat(domain.unicode()).isEqualTo("あおば商事.jp");
        assertThat(DomainName.of("xn--l8jq8im89jebh.jp")).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "aoba_shoji.co.jp", "-aoba.co.jp", "aoba..jp", "[192.0.2.1]", "192.0.2.1"})
    void refusesWhatIsNoDomainName(String text) {
        assertThatThrownBy(() -> DomainName.of(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
