package com.misdeliveryguard.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactAddressesTest {

    @Test
    void foldsFullWidthCharactersTypedWithAJapaneseInputMethod() throws Exception {
        assertThat(ContactAddresses.normalize("ｔａｎａｋａ＠ａｏｂａ．ｃｏ．ｊｐ")).isEqualTo(MailAddress.of("tanaka@aoba.co.jp"));
    }

    @Test
    void lowerCasesTheDomainButKeepsTheLocalPartAsWritten() throws Exception {
        MailAddress address = ContactAddresses.normalize("  Tanaka.Taro@AOBA.CO.JP ");

        assertThat(address).hasToString("Tanaka.Taro@aoba.co.jp");
        assertThat(ContactAddresses.key(address)).isEqualTo("tanaka.taro@aoba.co.jp");
    }

    @Test
    void convertsAUnicodeDomainToPunycode() throws Exception {
        assertThat(ContactAddresses.normalize("info@あおば商事。jp").domain()).isEqualTo("xn--l8jq8im89jebh.jp");
    }

    @Test
    void dropsAngleBracketsAndMailtoPrefix() throws Exception {
        assertThat(ContactAddresses.normalize("<mailto:suzuki@example.com>")).hasToString("suzuki@example.com");
        assertThat(ContactAddresses.normalize("MAILTO:suzuki@example.com")).hasToString("suzuki@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tanaka", "tanaka@", "@aoba.co.jp", "tanaka@aoba", "田中@aoba.co.jp", "a@b@aoba.co.jp",
        "tanaka@aoba..co.jp", "tanaka@[192.0.2.1]", "/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=tanaka"})
    void refusesWhatIsNoUsableAddress(String written) {
        assertThatThrownBy(() -> ContactAddresses.normalize(written)).isInstanceOf(InvalidAddressException.class);
    }
}
