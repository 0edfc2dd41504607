package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextKeysTest {

    @Test
    void nameKeysFoldWidthSpacesCaseAndKana() {
        assertThat(TextKeys.nameKey("ｽｽﾞｷ　ﾊﾅｺ")).isEqualTo("すずきはなこ");
        assertThat(TextKeys.nameKey("Suzuki, Hanako")).isEqualTo("suzukihanako");
        assertThat(TextKeys.nameKey("ヴァイオレット・エヴァーガーデン")).isEqualTo("ゔぁいおれっとえゔぁーがーでん");
    }

    @Test
    void collapsesEveryRunOfWhiteSpaceIntoOneSpace() {
        assertThat(TextKeys.collapseSpaces("  田中　　太郎 ")).isEqualTo("田中 太郎");
        assertThat(TextKeys.collapseSpaces("営業部\n第二課")).isEqualTo("営業部 第二課");
        assertThat(TextKeys.collapseSpaces("a b")).isEqualTo("a b");
    }

    @Test
    void recognizesJapaneseScript() {
        assertThat(TextKeys.hasJapanese("田中 Taro")).isTrue();
        assertThat(TextKeys.hasJapanese("Taro Tanaka")).isFalse();
    }
}
