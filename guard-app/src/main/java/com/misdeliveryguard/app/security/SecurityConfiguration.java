package com.misdeliveryguard.app.security;

import com.misdeliveryguard.app.audit.AuditProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see and do what on the web side.
 *
 * <ul>
 *   <li>open: {@code /actuator/health/**}, the confirmation pages {@code /confirm/**}, {@code /login},
 *       static resources ({@code /css/**}), {@code /error};</li>
 *   <li>{@code /actuator/prometheus}: from loopback (a local scraper) or for ADMIN;
 *       other actuator endpoints: ADMIN;</li>
 *   <li>reading ({@code GET}/{@code HEAD}) the console {@code /audit/**}, {@code /api/**}, {@code /admin/**}:
 *       AUDITOR or ADMIN;</li>
 *   <li>{@code POST /api/v1/check} (a verdict, nothing sent or stored): AUDITOR, ADMIN or CLIENT, without CSRF
 *       token, since scripts and add-ins call it with HTTP Basic and it changes no state;
 *       {@code GET /api/v1/directory/search}: AUDITOR, ADMIN or CLIENT (the add-in's role, nothing else);</li>
 *   <li>every other method anywhere (actions): ADMIN only, so an auditor gets 403;</li>
 *   <li>anything else: signed in.</li>
 * </ul>
 * Form login with a session (timeout {@code server.servlet.session.timeout}), HTTP Basic for scripts,
 * CSRF on, and the headers of RELIABILITY.md: a CSP without any third-party or inline source,
 * {@code Referrer-Policy: no-referrer}, {@code Cache-Control: no-store}, no framing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain guardSecurity(HttpSecurity http, ObjectProvider<DirectoryAccounts> directory)
            throws Exception {
        // company directory sign-in (guard.security.ldap.*) next to the configured users
        directory.ifAvailable(accounts -> http.authenticationProvider(DirectorySignIn.console(accounts)));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/actuator/prometheus").access(SecurityConfiguration::loopbackOrAdmin)
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .requestMatchers("/confirm/**", "/login", "/css/**", "/favicon.ico", "/error").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/directory/search").hasAnyRole("AUDITOR", "ADMIN", "CLIENT")
                .requestMatchers(HttpMethod.GET, "/audit/**", "/api/**", "/admin/**").hasAnyRole("AUDITOR", "ADMIN")
                .requestMatchers(HttpMethod.HEAD, "/audit/**", "/api/**", "/admin/**").hasAnyRole("AUDITOR", "ADMIN")
                .requestMatchers(HttpMethod.POST, "/api/v1/check").hasAnyRole("AUDITOR", "ADMIN", "CLIENT")
                .requestMatchers(SecurityConfiguration::isAction).hasRole("ADMIN")
                .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/v1/check")
                        // JSON-only actions for scripts (HoldsApiController): a cross-site form cannot send them
                        .ignoringRequestMatchers("/api/v1/holds/**"))
                .cors(Customizer.withDefaults()) // only guard.client.allowed-origins (app.client)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/audit", false).permitAll())
                .httpBasic(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    private static boolean isAction(HttpServletRequest request) {
        String method = request.getMethod();
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    private static AuthorizationResult loopbackOrAdmin(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        boolean admin = authentication.get() != null && authentication.get().getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return new AuthorizationDecision(admin || isLoopback(context.getRequest().getRemoteAddr()));
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(AuditProperties audit) {
        return ConsoleUsers.of(audit.users());
    }
}
