package com.misdeliveryguard.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {

    @Test
    void alwaysSetsTimeoutsPartialSendingAndPerRecipientResults() {
        Properties p = SmtpUpstream.properties(UpstreamSettings.builder("smtp.example.com", 25).build());

        assertThat(p).containsEntry("mail.smtp.connectiontimeout", "30000").containsEntry("mail.smtp.timeout", "300000")
                .containsEntry("mail.smtp.writetimeout", "300000").containsEntry("mail.smtp.sendpartial", "true")
                .containsEntry("mail.smtp.reportsuccess", "true").containsEntry("mail.smtp.auth", "false")
                .doesNotContainKey("mail.smtp.allow8bitmime").doesNotContainKey("mail.smtp.from")
                .doesNotContainKey("mail.smtp.starttls.enable");
    }

    @Test
    void requiresStartTlsAndChecksTheServerIdentity() {
        Properties p = SmtpUpstream.properties(UpstreamSettings.builder("smtp.example.com", 587)
                .tls(UpstreamSettings.Tls.STARTTLS).credentials("guard", "secret").localHostName("guard.example.com")
                .readTimeout(Duration.ofSeconds(7)).build());

        assertThat(p).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.localhost", "guard.example.com").containsEntry("mail.smtp.timeout", "7000")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void usesTlsFromTheFirstByteForImplicitTls() {
        Properties p = SmtpUpstream.properties(UpstreamSettings.builder("smtp.example.com", 465)
                .tls(UpstreamSettings.Tls.IMPLICIT).build());

        assertThat(p).containsEntry("mail.smtp.ssl.enable", "true").containsEntry("mail.smtp.ssl.checkserveridentity", "true");
    }

    @Test
    void neverShowsThePassword() {
        UpstreamSettings settings = UpstreamSettings.builder("smtp.example.com", 587).credentials("guard", "s3cret!").build();

        assertThat(settings.toString()).contains("smtp.example.com:587", "guard").doesNotContain("s3cret!");
    }

    @Test
    void refusesValuesThatCannotWork() {
        assertThatThrownBy(() -> UpstreamSettings.builder("smtp.example.com", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamSettings.builder("smtp example.com", 25)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamSettings.builder("smtp.example.com", 25).readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamSettings.builder("smtp.example.com", 25).localHostName("a\r\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
