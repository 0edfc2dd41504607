package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {

    private static final Instant DATE = Instant.parse("2025-06-03T09:15:02Z");

    private static ReceivedHeader base() throws Exception {
        return ReceivedHeader.builder().helo("client.example.com").clientAddress(InetAddress.getByName("192.0.2.10"))
                .ourHost("guard.example.com").queueId("7F3A2C").date(DATE);
    }

    private static String unfolded(String header) {
        return header.replace("\r\n\t", " ").replace("\r\n", "");
    }

    @Test
    void writesTheTraceFieldOfRfc5321() throws Exception {
        String header = base().tls(true).authenticated(true).recipients(addresses("bob@example.org")).build();

        assertThat(unfolded(header)).isEqualTo("Received: from client.example.com ([192.0.2.10]) by guard.example.com"
                + " (Misdelivery Guard) with ESMTPSA id 7F3A2C for <bob@example.org>; Tue, 3 Jun 2025 09:15:02 +0000");
        assertThat(header).endsWith("\r\n");
    }

    @Test
    void foldsLinesToAtMost78Characters() throws Exception {
        String header = base().helo("a-rather-long-client-host-name.with-many-labels.example.com")
                .recipients(addresses("a-recipient-with-a-long-local-part@sub.example.org")).build();

        List<String> lines = List.of(header.split("\r\n"));
        assertThat(lines).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.startsWith("\t"));
    }

    @Test
    void namesTheRecipientOnlyWhenThereIsExactlyOne() throws Exception {
        String header = base().recipients(addresses("bob@example.org", "hidden-bcc@example.net")).build();

        assertThat(unfolded(header)).contains("id 7F3A2C; Tue").doesNotContain("for ").doesNotContain("hidden-bcc");
    }

    @Test
    void namesTheProtocolFromTlsAndAuth() throws Exception {
        assertThat(base().build()).contains("with ESMTP id");
        assertThat(base().tls(true).build()).contains("with ESMTPS id");
        assertThat(base().authenticated(true).build()).contains("with ESMTPA id");
    }

    @Test
    void writesIpv6ClientsAsAddressLiterals() throws Exception {
        String header = base().clientAddress(InetAddress.getByName("2001:db8::1")).build();

        assertThat(header).contains("([IPv6:2001:db8:0:0:0:0:0:1])");
    }

    /** A HELO argument is the client's to choose: it must not add a header, end the comment or break the line. */
    @Test
    void sanitizesAHostileHelo() throws Exception {
        String header = base().helo("evil)\r\nX-Injected: yes\r\n(" + "x".repeat(100)).build();

        InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(header.getBytes(StandardCharsets.US_ASCII)));
        assertThat(Collections.list(parsed.getAllHeaders())).extracting(h -> h.getName()).containsExactly("Received");
        assertThat(unfolded(header)).startsWith("Received: from evil???X-Injected:?yes???xxxx")
                .contains(" ([192.0.2.10]) by ");
        assertThat(ReceivedHeader.sanitizeHelo("evil)\r\nX" + "x".repeat(100))).hasSize(64);
        assertThat(ReceivedHeader.sanitizeHelo("")).isEqualTo("unknown");
        assertThat(ReceivedHeader.sanitizeHelo("日本.example")).isEqualTo("??.example");
    }

    @Test
    void refusesOwnValuesThatCouldBreakTheHeader() {
        assertThatThrownBy(() -> ReceivedHeader.builder().ourHost("guard.example.com\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReceivedHeader.builder().queueId("Q1; for <x@y>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isPureAscii() throws Exception {
        String header = base().helo("ünïcödé").recipients(List.of(TestMessages.address("bob@example.org"))).build();

        assertThat(header.chars()).allMatch(c -> c < 0x80);
    }
}
