package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.security.DirectoryAccounts;
import com.misdeliveryguard.app.security.DirectorySignIn;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * The security filter chain of the confirmation pages, ordered before the console's, for
 * {@code /confirm/**}, {@code /my/**} and the page's two static files.
 *
 * <ul>
 *   <li>{@code /confirm/**}, the download pages {@code /d/**} and the sender's {@code /my/sent/<token>}: open
 *       (the token is the credential), CSRF on every POST;</li>
 *   <li>{@code /my/**}: signed in as an SMTP user ({@link SenderUsers}, bcrypt) with a form login at
 *       {@code /my/login}; the sign-in is kept under its own session key, so a sender never becomes a
 *       console user and signing out of one does not sign out of the other;</li>
 *   <li>headers: a CSP allowing only this origin's style sheet and script (no inline code, no third
 *       parties), {@code Referrer-Policy: no-referrer} (the token is in the URL),
 *       {@code Cache-Control: no-store}, no framing, {@code X-Robots-Tag: noindex}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConfirmSecurityConfiguration {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String CONTEXT_KEY = "GUARD_SENDER_SECURITY_CONTEXT";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    SecurityFilterChain confirmSecurity(HttpSecurity http, SenderUsers users,
            ObjectProvider<DirectoryAccounts> directory) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_KEY);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users.service());
        provider.setPasswordEncoder(new BCryptPasswordEncoder());
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(provider));
        // employees sign in with their company directory account too (guard.security.ldap.*)
        directory.ifAvailable(accounts -> providers.add(DirectorySignIn.employees(accounts, SenderUsers.ROLE)));
        http.securityMatcher("/confirm/**", "/confirm.css", "/confirm.js", "/my", "/my/**", "/d/**")
                .authenticationManager(new ProviderManager(providers))
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/confirm/**", "/confirm.css", "/confirm.js", "/my/login").permitAll()
                        .requestMatchers("/d/**", "/my/sent/*", "/my/sent/*/*").permitAll() // the token is the credential
                        .anyRequest().hasRole(SenderUsers.ROLE))
                .formLogin(form -> form.loginPage("/my/login").loginProcessingUrl("/my/login")
                        .defaultSuccessUrl("/my/held", true).failureUrl("/my/login?error")
                        .securityContextRepository(contexts).permitAll())
                .logout(logout -> logout.logoutUrl("/my/logout").logoutSuccessUrl("/my/login?logout")
                        .invalidateHttpSession(false))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        .addHeaderWriter(new StaticHeadersWriter("X-Robots-Tag", "noindex, nofollow")));
        return http.build();
    }
}
