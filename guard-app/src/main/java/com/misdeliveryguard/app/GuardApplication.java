package com.misdeliveryguard.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Misdelivery Guard: the SMTP relay, its web pages and its API in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GuardApplication {

    public static void main(String[] args) {
        SpringApplication.run(GuardApplication.class, args);
    }
}
