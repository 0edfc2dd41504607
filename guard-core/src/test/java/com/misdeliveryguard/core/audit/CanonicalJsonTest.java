package com.misdeliveryguard.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void shouldSortKeysAndWriteNoWhiteSpace() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", List.of("x", true));
        map.put("c", null);
        assertThat(CanonicalJson.write(map)).isEqualTo("{\"a\":[\"x\",true],\"b\":1,\"c\":null}");
    }

    @Test
    void shouldKeepJapaneseAsItselfAndEscapeOnlyControlCharacters() {
        assertThat(CanonicalJson.write("ご提案\"\\\n\u0001")).isEqualTo("\"ご提案\\\"\\\\\\n\\u0001\"");
    }

    @Test
    void shouldGiveTheSameTextAfterParsingAnyEquivalentForm() {
        String loose = "{ \"z\" : [1, 2 ,{\"y\":\"\\u3042\",\"x\":false}], \"a\":\"\\/\" }";
        assertThat(CanonicalJson.write(CanonicalJson.parse(loose)))
                .isEqualTo("{\"a\":\"/\",\"z\":[1,2,{\"x\":false,\"y\":\"あ\"}]}");
    }

    @Test
    void shouldRefuseFractionsDuplicateKeysAndTrailingText() {
        assertThatThrownBy(() -> CanonicalJson.parse("1.5")).hasMessageContaining("integers");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CanonicalJson.parse("{} x")).hasMessageContaining("trailing");
    }
}
