package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void readsAJapaneseNameFamilyFirst() {
        PersonName name = PersonName.of("田中　太郎");

        assertThat(name.display()).isEqualTo("田中 太郎");
        assertThat(name.family()).contains("田中");
        assertThat(name.given()).contains("太郎");
    }

    @Test
    void readsALatinNameFamilyLastUnlessACommaSaysOtherwise() {
        assertThat(PersonName.of("John Smith").family()).contains("Smith");
        assertThat(PersonName.of("Smith, John").family()).contains("Smith");
        assertThat(PersonName.of("Smith, John").given()).contains("John");
    }

    @Test
    void aNameWithoutASpaceHasNoKnownParts() {
        PersonName name = PersonName.of("田中太郎");

        assertThat(name.family()).isEmpty();
        assertThat(name.key()).isEqualTo("田中太郎");
    }

    @Test
    void keysIgnoreWidthSpacingCaseAndKatakanaVersusHiragana() {
        assertThat(PersonName.of("タナカ　タロウ").key()).isEqualTo("たなかたろう");
        assertThat(PersonName.of("ﾀﾅｶ ﾀﾛｳ").key()).isEqualTo("たなかたろう");
        assertThat(PersonName.of("ＳＭＩＴＨ John").key()).isEqualTo("smithjohn");
    }

    @Test
    void buildsTheDisplayNameFromPartsInTheOrderOfTheScript() {
        assertThat(PersonName.of("", "田中", "太郎")).hasValueSatisfying(n -> assertThat(n.display()).isEqualTo("田中 太郎"));
        assertThat(PersonName.of(null, "Smith", "John")).hasValueSatisfying(n -> assertThat(n.display()).isEqualTo("John Smith"));
        assertThat(PersonName.of(" ", "", null)).isEmpty();
    }

    @Test
    void refusesControlCharactersAndOverlongNames() {
        assertThatThrownBy(() -> PersonName.of("田中\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonName.of("あ".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }
}
