package com.misdeliveryguard.app.client;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.audit.CheckpointKeys;
import com.misdeliveryguard.smtp.queue.VerdictReview;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/** Tickets for the check API and the relay, and CORS for the add-in's origins only. */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

    @Bean
    ConfirmationTickets confirmationTickets(ClientProperties client, GuardProperties guard, Clock clock) {
        String key = CheckpointKeys.secret(client.ticketKey(), guard.dataDir().resolve("client").resolve("ticket.key"),
                "guard.client.ticket-key");
        return new ConfirmationTickets(key, clock, client.ticketTtl(), client.uncoveredRules());
    }

    @Bean
    VerdictReview clientConfirmationReview(ConfirmationTickets tickets) {
        return new ClientConfirmationReview(tickets);
    }

    /**
     * CORS headers on the check and directory search API for {@code guard.client.allowed-origins} and for no
     * other origin (Spring Security's {@code cors()} picks this bean up by its name). A request from another
     * origin gets no CORS configuration at all rather than a 403: Thunderbird sends its add-ins' fetches with
     * {@code Origin: moz-extension://<random per-install id>} and, having host permission, needs no CORS
     * headers; the browser, not the server, is what enforces CORS for web pages.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ClientProperties client) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(client.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(600L);
        Set<String> paths = Set.of("/api/v1/check", "/api/v1/directory/search");
        return request -> {
            String origin = request.getHeader("Origin");
            return origin != null && paths.contains(request.getRequestURI()) && client.allowedOrigins().contains(origin)
                    ? cors : null;
        };
    }
}
