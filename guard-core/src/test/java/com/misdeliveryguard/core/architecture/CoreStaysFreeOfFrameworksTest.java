package com.misdeliveryguard.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2: guard-core holds the domain and the rules and knows no Spring, no JDBC and no networking,
 * so that its rules can be tested and benchmarked in isolation. Every import of its main sources is
 * checked against that.
 */
class CoreStaysFreeOfFrameworksTest {

    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> FORBIDDEN = List.of("org.springframework.", "java.sql.", "javax.sql.",
            "java.net.Socket", "java.net.ServerSocket", "java.net.http.", "java.net.URLConnection",
            "jakarta.mail.", "org.subethamail.", "com.github.benmanes.caffeine.", "jakarta.servlet.");

    @Test
    void shouldImportNoSpringJdbcOrNetworking() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offences = files.filter(p -> p.toString().endsWith(".java")).flatMap(file -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(file));
                    return m.results().map(r -> r.group(2))
                            .filter(imported -> FORBIDDEN.stream().anyMatch(imported::startsWith))
                            .map(imported -> sources.relativize(file) + " imports " + imported).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(offences).isEmpty();
        }
    }
}
