package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariantKanjiTest {

    @Test
    void shouldFoldVariantsToTheCommonForm() {
        assertThat(VariantKanji.fold("髙橋")).isEqualTo("高橋");
        assertThat(VariantKanji.fold("山﨑 齋藤 齊藤 渡邊 渡邉 澤田 濱田 德永")).isEqualTo("山崎 斎藤 斎藤 渡辺 渡辺 沢田 浜田 徳永");
        assertThat(VariantKanji.fold("\uD842\uDFB7野家")).isEqualTo("吉野家");
        assertThat(VariantKanji.fold("田中 Tanaka")).isEqualTo("田中 Tanaka");
    }

    @Test
    void nameKeysOfVariantSpellingsAreOneKey() {
        assertThat(TextKeys.nameKey("髙橋　誠")).isEqualTo(TextKeys.nameKey("高橋 誠"));
        assertThat(TextKeys.nameKey("ﾜﾀﾅﾍﾞ")).isEqualTo(TextKeys.nameKey("わたなべ"));
    }

    @Test
    void theTableMapsOneCharacterToOne() {
        assertThat(VariantKanji.VARIANTS).hasSameSizeAs(VariantKanji.COMMON);
        assertThat(VariantKanji.VARIANTS.chars().distinct().count()).isEqualTo(VariantKanji.VARIANTS.length());
    }
}
