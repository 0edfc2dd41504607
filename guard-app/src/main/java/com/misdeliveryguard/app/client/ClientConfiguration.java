package com.misdeliveryguard.app.client;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.app.audit.CheckpointKeys;
import com.misdeliveryguard.smtp.queue.VerdictReview;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

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
     * other origin (Spring Security's {@code cors()} picks this bean up by its name).
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(ClientProperties client) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!client.allowedOrigins().isEmpty()) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(client.allowedOrigins());
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            cors.setAllowCredentials(false);
            cors.setMaxAge(600L);
            source.registerCorsConfiguration("/api/v1/check", cors);
            source.registerCorsConfiguration("/api/v1/directory/search", cors);
        }
        return source;
    }
}
