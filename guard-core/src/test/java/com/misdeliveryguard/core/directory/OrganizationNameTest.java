package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"株式会社あおば商事", "あおば商事", "㈱あおば商事", "(株)あおば商事", "（株）あおば商事",
        "あおば商事株式会社", "あおば商事 株式会社", "株式会社　あおば商事", "あおば商事(株)", "あおば商事㈱"})
    void companyFormsNameOneJapaneseOrganization(String written) {
        assertThat(OrganizationName.of(written)).isEqualTo(OrganizationName.of("あおば商事"));
        assertThat(OrganizationName.of(written).key()).isEqualTo("あおば商事");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Aoba Shoji Co., Ltd.", "Aoba Shoji Co.,Ltd.", "AOBA SHOJI CO., LTD", "Aoba Shoji Inc.",
        "Aoba Shoji Corporation", "Aoba Shoji K.K.", "Aoba Shoji Corp", "Ａｏｂａ　Ｓｈｏｊｉ", "Aoba Shoji Kabushiki Kaisha"})
    void companyFormsNameOneLatinOrganization(String written) {
        assertThat(OrganizationName.of(written).key()).isEqualTo("aobashoji");
    }

    @Test
    void keepsTheNameAsFirstWrittenForDisplay() {
        assertThat(OrganizationName.of("  ㈱あおば商事 ").display()).isEqualTo("㈱あおば商事");
    }

    @Test
    void doesNotStripLettersThatOnlyLookLikeACompanyForm() {
        assertThat(OrganizationName.of("Costco").key()).isEqualTo("costco");
        assertThat(OrganizationName.of("Inco Ltd").key()).isEqualTo("inco");
        assertThat(OrganizationName.of("有限会社").key()).isEqualTo("有限会社");
        assertThat(OrganizationName.of("あおば").key()).isNotEqualTo(OrganizationName.of("アオバ").key());
    }

    @Test
    void refusesBlankNames() {
        assertThatThrownBy(() -> OrganizationName.of(" \u3000")).isInstanceOf(IllegalArgumentException.class);
    }
}
