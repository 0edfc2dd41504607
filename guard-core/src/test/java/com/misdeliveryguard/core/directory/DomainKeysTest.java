package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class DomainKeysTest {

    @Test
    void theStemIsTheRegistrableLabelWithoutThePublicSuffix() {
        assertThat(DomainKeys.stemSkeleton("mail.aoba-shoji.co.jp")).isEqualTo("aoba-shoji");
        assertThat(DomainKeys.stemSkeleton("aoba-shoji.com")).isEqualTo("aoba-shoji");
        assertThat(DomainKeys.stemSkeleton("co.jp")).isEqualTo("co");
    }

    @Test
    void confusableSpellingsShareTheStem() {
        assertThat(DomainKeys.stemSkeleton("rnicrosoft.com")).isEqualTo(DomainKeys.stemSkeleton("microsoft.com"));
        assertThat(DomainKeys.stemSkeleton("g00gle.com")).isEqualTo(DomainKeys.stemSkeleton("google.com"));
        assertThat(DomainKeys.stemSkeleton(Idn.toAscii("аoba-shoji.co.jp").orElseThrow())).isEqualTo(DomainKeys.stemSkeleton("aoba-shoji.co.jp"));
    }

    @Test
    void oneEditApartSharesAKey() {
        assertThat(Collections.disjoint(DomainKeys.keysOf("aoba-shoji.co.jp"), DomainKeys.keysOf("aoba-sohji.co.jp")))
                .isFalse();
        assertThat(Collections.disjoint(DomainKeys.keysOf("aoba-shoji.co.jp"), DomainKeys.keysOf("aobashoji.co.jp")))
                .isFalse();
        assertThat(Collections.disjoint(DomainKeys.keysOf("aoba-shoji.co.jp"), DomainKeys.keysOf("midori-bank.co.jp")))
                .isTrue();
    }

    @Test
    void shortStemsIndexOnlyThemselves() {
        assertThat(DomainKeys.keysOf("abc.co.jp")).containsExactly("abc");
    }

    @Test
    void thePublicSuffixComesFromThePublicSuffixList() {
        assertThat(DomainKeys.publicSuffix("mail.aoba-shoji.co.jp")).isEqualTo("co.jp");
        assertThat(DomainKeys.publicSuffix("aoba-shoji.com.au")).isEqualTo("com.au");
        assertThat(DomainKeys.registrableLabel("aoba-shoji.com.au")).isEqualTo("aoba-shoji");
        assertThat(DomainKeys.publicSuffix("intranet.corp")).isEqualTo("corp");
        assertThat(DomainKeys.registrableLabel("intranet.corp")).isEqualTo("intranet");
    }

    @Test
    void internationalizedLabelsAreComparedInUnicode() {
        assertThat(DomainKeys.registrableLabel("xn--l8jq8im89jebh.jp")).isEqualTo("あおば商事");
    }
}
