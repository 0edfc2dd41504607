package com.misdeliveryguard.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.policy.PolicyTestSupport;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Confirmation tickets over the real wire: the add-in's account (role CLIENT) checks a message with
 * {@code POST /api/v1/check}, gets a ticket, and submits the message over SMTP with the ticket in
 * {@code X-Guard-Confirmation}. The message would be held (a new address at a known organization):
 * with a matching ticket it reaches the upstream at once and the decision log says who confirmed it;
 * with the recipients changed, an expired ticket or a forged one it is held as without a ticket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {GuardApplication.class, ConfirmedInClientOverSmtpTest.TestClock.class})
class ConfirmedInClientOverSmtpTest {

    static final MutableClock clock = new MutableClock(Instant.now());

    static final SmtpSink upstream = PolicyTestSupport.sink();
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String PASSWORD = "client password";
    static final String SENDER = "yamada.taro@example.co.jp";
    static final String NEW_PERSON = "new.person@aoba-shoji.co.jp";
    static final String SUBJECT = "お見積りの件";

    @LocalServerPort
    int port;

    @Autowired
    SmtpListener listener;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Held messages: their bytes are kept in the database (ADR 0012). */
    private long heldMessages() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hold_message", Long.class);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PolicyTestSupport.register(registry, "client-ticket", upstream);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("guard.audit.users[0].name", () -> "addin");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "CLIENT");
        registry.add("guard.audit.users[1].name", () -> "auditor");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "AUDITOR");
        registry.add("guard.client.ticket-key", () -> KEY);
        registry.add("guard.client.allowed-origins[0]", () -> "moz-extension://guard-addin-test");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
    }

    @Test
    void shouldDeliverWithoutHoldWhenTheTicketMatchesTheEnvelope() throws Exception {
        String subject = SUBJECT + " accepted";
        String ticket = ticket(check(List.of(NEW_PERSON), subject));

        assertThat(send(List.of(NEW_PERSON), subject, ticket)).startsWith("250");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> delivered(subject));
        assertThat(heldMessages()).isZero();
        String log = get("/api/v1/audit/entries?size=200", "auditor").body();
        assertThat(log).contains(ClientConfirmationReview.CONFIRMED).contains("Confirmed in the client by addin");
    }

    @Test
    void shouldHoldWhenTheRecipientsChangedAfterTheCheck() throws Exception {
        String subject = SUBJECT + " changed";
        String ticket = ticket(check(List.of(NEW_PERSON), subject));

        long holds = heldMessages();
        assertThat(send(List.of(NEW_PERSON, "tanaka@aoba-shoji.co.jp"), subject, ticket)).startsWith("250");

        assertHeld(subject, "the sender, recipients or subject differ", holds);
    }

    @Test
    void shouldHoldWhenTheTicketExpired() throws Exception {
        String subject = SUBJECT + " expired";
        String ticket = ticket(check(List.of(NEW_PERSON), subject));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        long holds = heldMessages();
        assertThat(send(List.of(NEW_PERSON), subject, ticket)).startsWith("250");

        assertHeld(subject, "expired", holds);
    }

    @Test
    void shouldHoldWhenTheTicketIsForged() throws Exception {
        String subject = SUBJECT + " forged";
        String ticket = ticket(check(List.of(NEW_PERSON), subject));
        ConfirmationTicket genuine = ConfirmationTicket.parse(ticket).orElseThrow();
        String forged = new ConfirmationTicket("someone-else", genuine.expiresAt(), genuine.findingsDigest(),
                genuine.mac()).text();

        long holds = heldMessages();
        assertThat(send(List.of(NEW_PERSON), subject, forged)).startsWith("250");

        assertHeld(subject, "or the ticket is forged", holds);
    }

    @Test
    void shouldOfferNoTicketForALookalikeDomain() throws Exception {
        String body = check(List.of("tanaka@aoba-shoji.com"), SUBJECT);
        assertThat(body).contains("\"ticket\":null").contains("\"uncoverable\":[\"lookalike-domain\"]");
    }

    @Test
    void shouldLetTheClientRoleCheckAndSearchButNothingElse() throws Exception {
        assertThat(get("/api/v1/directory/search?q=" + java.net.URLEncoder.encode("田中", StandardCharsets.UTF_8),
                "addin").body()).contains("tanaka@aoba-shoji.co.jp");
        assertThat(get("/api/v1/audit/entries", "addin").statusCode()).isEqualTo(403);
        assertThat(get("/audit", "addin").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldSendCorsHeadersOnlyToTheAddinsOrigin() throws Exception {
        HttpResponse<String> allowed = preflight("moz-extension://guard-addin-test");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("moz-extension://guard-addin-test");
        HttpResponse<String> other = preflight("https://evil.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** Thunderbird sends an add-in's fetches with its per-install origin: served, without CORS headers. */
    @Test
    void shouldServeAnAddinWhoseOriginIsNotListed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check"))
                .header("Content-Type", "application/json").header("Authorization", basic("addin"))
                .header("Origin", "moz-extension://0b5e3f5c-1d2a-4c8e-9f5e-6a7b8c9d0e1f")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + SENDER + "\",\"to\":[{\"address\":"
                        + "\"tanaka@aoba-shoji.co.jp\"}]}", StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertHeld(String subject, String reason, long holdsBefore) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> get("/api/v1/audit/entries?size=200", "auditor").body().contains(reason));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heldMessages() > holdsBefore);
        Thread.sleep(500);
        assertThat(delivered(subject)).as("held, not delivered").isFalse();
        assertThat(get("/api/v1/audit/entries?size=200", "auditor").body()).contains(ClientConfirmationReview.IGNORED);
    }

    /** The ticket from the check API's answer. */
    static String ticket(String checkAnswer) {
        Matcher m = Pattern.compile("\"ticket\":\"([^\"]+)\"").matcher(checkAnswer);
        assertThat(m.find()).as("a ticket in " + checkAnswer).isTrue();
        return m.group(1);
    }

    private String check(List<String> to, String subject) throws Exception {
        StringBuilder json = new StringBuilder("{\"from\":\"" + SENDER + "\",\"to\":[");
        for (int i = 0; i < to.size(); i++) {
            json.append(i > 0 ? "," : "").append("{\"address\":\"").append(to.get(i)).append("\"}");
        }
        json.append("],\"subject\":\"").append(subject).append("\",\"body\":\"お世話になっております。\"}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/check"))
                .header("Content-Type", "application/json").header("Authorization", basic("addin"))
                .POST(HttpRequest.BodyPublishers.ofString(json.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic(user)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Submits over SMTP from the sender to {@code to}, with the ticket header. */
    private String send(List<String> to, String subject, String ticket) throws Exception {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO pc.example.co.jp");
            RawSmtpClient.expect(client.command("MAIL FROM:<" + SENDER + ">"), "250");
            for (String rcpt : to) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + rcpt + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            String message = "From: <" + SENDER + ">\r\nTo: " + String.join(", ", to) + "\r\nSubject: =?UTF-8?B?"
                    + PolicyTestSupport.b64(subject) + "?=\r\n" + ConfirmationTickets.HEADER + ": " + ticket + "\r\n"
                    + "Message-ID: <" + System.nanoTime() + "@example.co.jp>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString("お世話になっております。".getBytes(StandardCharsets.UTF_8))
                    + "\r\n.\r\n";
            client.write(message.getBytes(StandardCharsets.US_ASCII));
            return client.reply();
        }
    }

    private static boolean delivered(String subject) {
        String encoded = PolicyTestSupport.b64(subject);
        return upstream.transactions().stream().anyMatch(t -> t.mailFrom().equals("<" + SENDER + ">")
                && new String(t.data(), StandardCharsets.US_ASCII).contains(encoded));
    }
}
