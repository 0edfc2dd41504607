package com.misdeliveryguard.app.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link DirectoryAccounts} bean, when {@code guard.security.ldap.url} is set. */
@Configuration(proxyBeanMethods = false)
class DirectorySignInConfiguration {

    @Bean
    @ConditionalOnProperty("guard.security.ldap.url")
    DirectoryAccounts directoryAccounts(LdapSignInProperties properties) {
        return new DirectoryAccounts(properties);
    }
}
