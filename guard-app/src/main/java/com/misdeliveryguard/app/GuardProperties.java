package com.misdeliveryguard.app;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Product-wide settings ({@code guard.*}).
 *
 * @param dataDir         spool, demo outbox and embedded database live here
 * @param publicUrl       base of links in notifications
 * @param hostName        the name the guard uses in greetings, trace headers and DSNs
 * @param internalDomains the organization's own domains
 */
@ConfigurationProperties("guard")
public record GuardProperties(Path dataDir, String publicUrl, String hostName, List<String> internalDomains) {

    public GuardProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        publicUrl = publicUrl == null ? "http://localhost:8080" : publicUrl;
        hostName = hostName == null ? "localhost" : hostName;
        internalDomains = internalDomains == null ? List.of() : List.copyOf(internalDomains);
    }
}
