package com.misdeliveryguard.app.confirm.hold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token value type: form, entropy, and a {@code toString} that never shows the secret. */
class ConfirmationTokenTest {

    @Test
    void tokensAre256BitsBase64UrlAndNeverPrinted() {
        String value = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd";
        ConfirmationToken token = new ConfirmationToken(value + "e");
        assertThat(token.toString()).doesNotContain(value).isEqualTo("ConfirmationToken[redacted]");
        assertThat(ConfirmationToken.BYTES * 8).isGreaterThanOrEqualTo(128);
        assertThat(ConfirmationToken.wellFormed(value)).isFalse();
        assertThat(ConfirmationToken.wellFormed(value + "e")).isTrue();
        assertThat(ConfirmationToken.wellFormed(value + "=")).isFalse();
        assertThat(ConfirmationToken.wellFormed("../../etc/passwd")).isFalse();
        assertThat(ConfirmationToken.wellFormed(null)).isFalse();
    }

    @Test
    void bindingDependsOnTokenQueueIdAndMessageHash() {
        String token = "A".repeat(43);
        String binding = ConfirmationTokens.binding(token, "q1", "a".repeat(64));
        assertThat(ConfirmationTokens.binding(token, "q2", "a".repeat(64))).isNotEqualTo(binding);
        assertThat(ConfirmationTokens.binding(token, "q1", "b".repeat(64))).isNotEqualTo(binding);
        assertThat(ConfirmationTokens.binding("B".repeat(43), "q1", "a".repeat(64))).isNotEqualTo(binding);
        assertThat(ConfirmationTokens.lookup(token)).hasSize(64).doesNotContain(token).isNotEqualTo(binding);
    }
}
