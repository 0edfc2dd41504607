package com.misdeliveryguard.app.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the console's language on every console page (not on the senders' pages, which choose their own). */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleLanguage()).addPathPatterns("/audit", "/audit/**", "/admin", "/admin/**",
                "/login");
    }
}
