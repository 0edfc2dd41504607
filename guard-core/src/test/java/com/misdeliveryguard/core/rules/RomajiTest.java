package com.misdeliveryguard.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RomajiTest {

    @Test
    void shouldReadHepburnKunreiAndPassportSpellings() {
        assertThat(Romaji.readings("Sato")).contains("さと", "さとう");
        assertThat(Romaji.readings("Satoh")).contains("さとう");
        assertThat(Romaji.readings("Satou")).contains("さとう");
        assertThat(Romaji.readings("Saito")).contains("さいとう");
        assertThat(Romaji.readings("Kondo")).contains("こんどう");
        assertThat(Romaji.readings("Ohno")).contains("おおの");
        assertThat(Romaji.readings("Oono")).contains("おおの");
        assertThat(Romaji.readings("Sinzi")).contains("しんじ");
        assertThat(Romaji.readings("Simizu")).contains("しみず");
        assertThat(Romaji.readings("Tuda")).contains("つだ");
        assertThat(Romaji.readings("Huzita")).contains("ふじた");
        assertThat(Romaji.readings("Kenichi")).contains("けんいち");
        assertThat(Romaji.readings("Yuki")).contains("ゆき", "ゆうき");
        assertThat(Romaji.readings("Homma")).contains("ほんま");
        assertThat(Romaji.readings("Shinnosuke")).contains("しんのすけ");
        assertThat(Romaji.readings("Kōno")).contains("こうの");
    }

    @Test
    void shouldGiveNothingForWordsThatAreNotLatin() {
        assertThat(Romaji.readings("田中")).isEmpty();
    }
}
